using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>Names and ids: <see cref="Protocol"/>, <see cref="NotificationType"/>, <see cref="BorrowerId"/>, <see cref="MessageId"/>, display names and the protocol catalog.</summary>
public sealed class ProtocolAndTypeTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    // ---- Protocol ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("sms")]
    [InlineData("SMS")]
    [InlineData("Sms")]
    public void Parsing_a_built_in_protocol_name_in_any_case_returns_the_built_in_instance(string name)
    {
        var protocol = Protocol.Parse(name);

        protocol.Should().BeSameAs(Protocol.Sms);
    }

    [Theory]
    [InlineData("email", "Email")]
    [InlineData("DIGITALPOST", "DigitalPost")]
    public void Parsing_other_built_in_names_returns_their_instances(string name, string expected)
    {
        var protocol = Protocol.Parse(name);

        protocol.Should().BeSameAs(Protocol.BuiltIn.Single(p => p.Name == expected));
    }

    [Fact]
    public void A_user_defined_protocol_keeps_its_name_as_written()
    {
        var protocol = Protocol.Parse("Print");

        protocol.Should().BeEquivalentTo(new { Name = "Print", IsBuiltIn = false });
    }

    [Fact]
    public void User_defined_protocol_names_are_compared_ignoring_case()
    {
        var print = Protocol.Parse("Print");

        print.Should().Be(Protocol.Parse("PRINT"));
    }

    [Fact]
    public void User_defined_protocols_equal_ignoring_case_have_the_same_hash_code()
    {
        var print = Protocol.Parse("Print");

        print.GetHashCode().Should().Be(Protocol.Parse("print").GetHashCode());
    }

    [Fact]
    public void A_protocol_prints_its_name()
    {
        Protocol.DigitalPost.ToString().Should().Be("DigitalPost");
    }

    [Fact]
    public void A_name_of_forty_characters_is_accepted()
    {
        var name = "P" + new string('x', 39);

        var protocol = Protocol.Parse(name);

        protocol.Name.Should().Be(name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1Print")]
    [InlineData("-Print")]
    [InlineData("Print!")]
    [InlineData("Pr int")]
    [InlineData("Brevpost-æøå")]
    [InlineData("Pxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void An_invalid_protocol_name_is_refused_with_a_FormatException_naming_it(string name)
    {
        var act = () => Protocol.Parse(name);

        act.Should().Throw<FormatException>().WithMessage($"'{name}' is not a valid protocol name*");
    }

    [Fact]
    public void Parsing_a_null_protocol_name_throws_ArgumentNullException()
    {
        var act = () => Protocol.Parse(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1Print")]
    [InlineData("Print!")]
    public void TryParse_of_an_invalid_protocol_name_returns_false_without_throwing(string? name)
    {
        var ok = Protocol.TryParse(name, out var protocol);

        (ok, protocol).Should().Be((false, (Protocol?)null));
    }

    [Fact]
    public void TryParse_of_a_built_in_name_returns_the_built_in_instance()
    {
        Protocol.TryParse("email", out var protocol);

        protocol.Should().BeSameAs(Protocol.Email);
    }

    // ---- NotificationType -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("welcomeborrower")]
    [InlineData("WELCOMEBORROWER")]
    [InlineData("WelcomeBorrower")]
    public void Parsing_a_built_in_type_name_in_any_case_returns_the_built_in_instance(string name)
    {
        var type = NotificationType.Parse(name);

        type.Should().BeSameAs(NotificationType.WelcomeBorrower);
    }

    [Fact]
    public void A_host_defined_type_keeps_its_name_as_written()
    {
        var type = NotificationType.Parse("BalanceStatement");

        type.Name.Should().Be("BalanceStatement");
    }

    [Fact]
    public void Host_defined_type_names_are_compared_ignoring_case()
    {
        var type = NotificationType.Parse("BalanceStatement");

        type.Should().Be(NotificationType.Parse("balancestatement"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Velkomst til låner")]
    [InlineData("9Reminder")]
    [InlineData("Reminder.Due")]
    public void An_invalid_type_name_is_refused_with_a_FormatException_naming_it(string name)
    {
        var act = () => NotificationType.Parse(name);

        act.Should().Throw<FormatException>().WithMessage($"'{name}' is not a valid notification type name*");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Velkomst til låner")]
    public void TryParse_of_an_invalid_type_name_returns_false_without_throwing(string? name)
    {
        var ok = NotificationType.TryParse(name, out var type);

        (ok, type).Should().Be((false, (NotificationType?)null));
    }

    [Fact]
    public void The_built_in_types_include_the_welcome_message_and_email_verification()
    {
        NotificationType.BuiltIn.Should().Contain([NotificationType.WelcomeBorrower, NotificationType.EmailVerification]);
    }

    // ---- BorrowerId -------------------------------------------------------------------------------------------

    [Fact]
    public void A_borrower_id_keeps_the_hosts_value()
    {
        var id = BorrowerId.Parse("B-1001");

        id.Value.Should().Be("B-1001");
    }

    [Fact]
    public void Borrower_ids_are_compared_ordinally()
    {
        var id = BorrowerId.Parse("B-1001");

        id.Should().NotBe(BorrowerId.Parse("b-1001"));
    }

    [Fact]
    public void A_borrower_id_of_64_characters_is_accepted()
    {
        var value = new string('7', 64);

        var id = BorrowerId.Parse(value);

        id.Value.Should().Be(value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" B-1001")]
    [InlineData("B-1001 ")]
    [InlineData("B-10\n01")]
    [InlineData("77777777777777777777777777777777777777777777777777777777777777777")]
    public void An_invalid_borrower_id_is_refused_with_a_FormatException(string value)
    {
        var act = () => BorrowerId.Parse(value);

        act.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" B-1001")]
    public void TryParse_of_an_invalid_borrower_id_returns_false_without_throwing(string? value)
    {
        var ok = BorrowerId.TryParse(value, out var id);

        (ok, id).Should().Be((false, (BorrowerId?)null));
    }

    // ---- MessageId --------------------------------------------------------------------------------------------

    [Fact]
    public void A_message_id_round_trips_through_its_text()
    {
        var id = MessageId.Parse("0195581a-6a00-7c3e-9a51-3f0e2b7d4c11");

        id.ToString().Should().Be("0195581a-6a00-7c3e-9a51-3f0e2b7d4c11");
    }

    [Fact]
    public void A_message_id_is_parsed_from_any_standard_guid_format()
    {
        var id = MessageId.Parse("{0195581A-6A00-7C3E-9A51-3F0E2B7D4C11}");

        id.Should().Be(MessageId.Parse("0195581a-6a00-7c3e-9a51-3f0e2b7d4c11"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void An_invalid_or_empty_message_id_is_refused_with_a_FormatException(string value)
    {
        var act = () => MessageId.Parse(value);

        act.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void TryParse_of_an_invalid_message_id_returns_false_without_throwing(string? value)
    {
        var ok = MessageId.TryParse(value, out var id);

        (ok, id).Should().Be((false, default(MessageId)));
    }

    [Fact]
    public void Wrapping_the_empty_guid_is_refused()
    {
        var act = () => MessageId.From(Guid.Empty);

        act.Should().Throw<ArgumentException>().WithParameterName("value");
    }

    [Fact]
    public void A_new_message_id_is_time_ordered_version_7()
    {
        var id = MessageId.New(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));

        id.Value.Version.Should().Be(7);
    }

    [Fact]
    public void Message_ids_created_later_sort_after_earlier_ones()
    {
        var earlier = MessageId.New(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));

        var later = MessageId.New(new DateTimeOffset(2025, 3, 3, 9, 0, 1, TimeSpan.Zero));

        string.CompareOrdinal(later.ToString(), earlier.ToString()).Should().BePositive();
    }

    // ---- Protocol comparisons and conversion -------------------------------------------------------------------

    [Fact]
    public void Protocols_compare_with_null_and_with_each_other_by_operators()
    {
        Protocol? none = null;

        (null == Protocol.Sms, Protocol.Sms == null, none == null, none != null, Protocol.Sms != Protocol.Parse("SMS"), Protocol.Sms != Protocol.Email)
            .Should().Be((false, false, true, false, false, true));
    }

    [Fact]
    public void A_protocol_converts_to_and_from_its_name_for_configuration_binding()
    {
        var converter = System.ComponentModel.TypeDescriptor.GetConverter(typeof(Protocol));

        (converter.ConvertTo(Protocol.Parse("print"), typeof(string)), converter.ConvertFrom("Email"), converter.CanConvertFrom(typeof(string)))
            .Should().Be(("print", Protocol.Email, true));
    }

    [Fact]
    public void Notification_types_compare_with_null_and_with_each_other_by_operators()
    {
        NotificationType? none = null;
        var type = NotificationType.Parse("BalanceStatement");
        var equalsNull = type.Equals(null);

        (null == type, type == null, none == null, none != null, type != NotificationType.Parse("balancestatement"), type != NotificationType.WelcomeBorrower, equalsNull)
            .Should().Be((false, false, true, false, false, true, false));
    }

    [Fact]
    public void Parsing_a_null_type_name_throws_ArgumentNullException()
    {
        var act = () => NotificationType.Parse(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("name");
    }

    [Fact]
    public void A_notification_type_converts_to_and_from_its_name_for_configuration_binding()
    {
        var converter = System.ComponentModel.TypeDescriptor.GetConverter(typeof(NotificationType));

        (converter.ConvertTo(NotificationType.Parse("balanceStatement"), typeof(string)), converter.ConvertFrom("DueDateReminder"), converter.CanConvertFrom(typeof(string)), converter.CanConvertFrom(typeof(int)))
            .Should().Be(("balanceStatement", NotificationType.DueDateReminder, true, false));
    }

    // ---- DisplayNames -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(MessageStatus.Pending, "Afventer")]
    [InlineData(MessageStatus.Sent, "Sendt")]
    [InlineData(MessageStatus.Failed, "Fejlet")]
    [InlineData(MessageStatus.MissingContactInfo, "Mangler kontaktoplysninger")]
    public void Statuses_are_shown_in_Danish_by_default(MessageStatus status, string expected)
    {
        DisplayNames.Of(status).Should().Be(expected);
    }

    [Theory]
    [InlineData(MessageStatus.Pending, "Pending")]
    [InlineData(MessageStatus.Sent, "Sent")]
    [InlineData(MessageStatus.Failed, "Failed")]
    [InlineData(MessageStatus.MissingContactInfo, "Missing contact information")]
    public void Statuses_are_shown_in_English_for_an_English_culture(MessageStatus status, string expected)
    {
        DisplayNames.Of(status, English).Should().Be(expected);
    }

    [Fact]
    public void A_culture_that_is_neither_Danish_nor_English_gets_Danish()
    {
        DisplayNames.Of(MessageStatus.Failed, CultureInfo.GetCultureInfo("de-DE")).Should().Be("Fejlet");
    }

    [Fact]
    public void The_welcome_type_is_shown_in_Danish_by_default()
    {
        DisplayNames.Of(NotificationType.WelcomeBorrower).Should().Be("Velkomst til låner");
    }

    [Fact]
    public void The_welcome_type_is_shown_in_English_for_en_GB()
    {
        DisplayNames.Of(NotificationType.WelcomeBorrower, English).Should().Be("Welcome to the library");
    }

    [Fact]
    public void A_host_defined_type_is_shown_by_its_name()
    {
        DisplayNames.Of(NotificationType.Parse("BalanceStatement"), Danish).Should().Be("BalanceStatement");
    }

    [Fact]
    public void Every_built_in_type_has_its_own_Danish_name()
    {
        NotificationType.BuiltIn.Select(t => DisplayNames.Of(t, Danish)).Should().NotIntersectWith(NotificationType.BuiltIn.Select(t => t.Name));
    }

    [Theory]
    [InlineData("Sms", "SMS")]
    [InlineData("Email", "E-mail")]
    [InlineData("DigitalPost", "Digital Post")]
    [InlineData("Print", "Print")]
    public void Protocols_are_shown_by_their_display_names(string name, string expected)
    {
        DisplayNames.Of(Protocol.Parse(name)).Should().Be(expected);
    }

    [Theory]
    [InlineData("WelcomeBorrower", "Velkomst til låner", "Welcome to the library")]
    [InlineData("ReservationReady", "Reservering klar til afhentning", "Reservation ready for pickup")]
    [InlineData("DueDateReminder", "Påmindelse om afleveringsdato", "Due date reminder")]
    [InlineData("OverdueNotice", "Rykker for overskredet afleveringsdato", "Overdue notice")]
    [InlineData("EmailVerification", "Bekræftelse af e-mailadresse", "E-mail verification")]
    public void Every_built_in_type_is_shown_by_its_Danish_and_English_name(string name, string danish, string english)
    {
        var type = NotificationType.Parse(name);

        (DisplayNames.Of(type, Danish), DisplayNames.Of(type, English)).Should().Be((danish, english));
    }

    [Fact]
    public void A_status_without_a_display_name_is_shown_by_its_number()
    {
        DisplayNames.Of((MessageStatus)99).Should().Be("99");
    }

    [Fact]
    public void Display_names_of_a_null_protocol_or_type_are_refused()
    {
        var protocol = () => DisplayNames.Of((Protocol)null!);
        var type = () => DisplayNames.Of((NotificationType)null!);

        protocol.Should().Throw<ArgumentNullException>().WithParameterName("protocol");
        type.Should().Throw<ArgumentNullException>().WithParameterName("type");
    }

    // ---- ProtocolCatalog --------------------------------------------------------------------------------------

    [Fact]
    public void The_catalog_shows_a_user_defined_protocol_by_its_Danish_name_by_default()
    {
        var catalog = CatalogWithPrint();

        catalog.DisplayName(Protocol.Parse("Print")).Should().Be("Brev");
    }

    [Fact]
    public void The_catalog_shows_a_user_defined_protocol_by_its_English_name_for_en_GB()
    {
        var catalog = CatalogWithPrint();

        catalog.DisplayName(Protocol.Parse("print"), English).Should().Be("Letter");
    }

    [Fact]
    public void The_catalog_shows_a_user_defined_protocol_without_display_names_by_its_name()
    {
        var catalog = ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "App" }]);

        catalog.DisplayName(Protocol.Parse("App"), English).Should().Be("App");
    }

    [Fact]
    public void The_catalog_knows_which_protocols_staff_collect_in_print_runs()
    {
        var catalog = ProtocolCatalog.Create(
        [
            new UserDefinedProtocolOptions { Name = "Brev", Address = ProtocolAddress.None, Delivery = ProtocolDelivery.Collected },
            new UserDefinedProtocolOptions { Name = "App" },
        ]);

        catalog.Collected.Should().Equal(Protocol.Parse("Brev"));
        (catalog.IsCollected(Protocol.Parse("brev")), catalog.IsCollected(Protocol.Parse("App")), catalog.IsCollected(Protocol.Sms)).Should().Be((true, false, false));
    }

    [Fact]
    public void The_catalog_shows_built_in_protocols_by_their_display_names()
    {
        var catalog = CatalogWithPrint();

        catalog.DisplayName(Protocol.DigitalPost).Should().Be("Digital Post");
    }

    [Theory]
    [InlineData("Sms", ProtocolAddress.Phone)]
    [InlineData("Email", ProtocolAddress.Email)]
    [InlineData("DigitalPost", ProtocolAddress.CprOrCvr)]
    [InlineData("Print", ProtocolAddress.None)]
    [InlineData("App", ProtocolAddress.Phone)]
    public void The_catalog_knows_which_address_each_protocol_needs(string name, ProtocolAddress expected)
    {
        var catalog = ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "Print" }, new UserDefinedProtocolOptions { Name = "App", Address = ProtocolAddress.Phone }]);

        catalog.AddressOf(Protocol.Parse(name)).Should().Be(expected);
    }

    [Fact]
    public void Asking_the_catalog_about_an_unknown_protocol_is_refused_naming_it()
    {
        var catalog = CatalogWithPrint();

        var act = () => catalog.AddressOf(Protocol.Parse("Fax"));

        act.Should().Throw<ArgumentException>().WithMessage("Unknown protocol 'Fax'*");
    }

    [Fact]
    public void The_built_in_only_catalog_does_not_know_user_defined_protocols()
    {
        ProtocolCatalog.BuiltInOnly.Contains(Protocol.Parse("Print")).Should().BeFalse();
    }

    [Fact]
    public void The_catalog_lists_built_ins_first_then_user_defined_protocols()
    {
        var catalog = CatalogWithPrint();

        catalog.All.Select(p => p.Name).Should().Equal("Sms", "Email", "DigitalPost", "Print");
    }

    [Fact]
    public void The_catalog_is_not_changed_by_later_changes_to_the_options_it_was_created_from()
    {
        var options = new UserDefinedProtocolOptions { Name = "Print", Address = ProtocolAddress.None };
        var catalog = ProtocolCatalog.Create([options]);

        options.Address = ProtocolAddress.Phone;

        catalog.AddressOf(Protocol.Parse("Print")).Should().Be(ProtocolAddress.None);
    }

    [Fact]
    public void A_user_defined_protocol_with_a_built_in_name_is_refused()
    {
        var act = () => ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "sms" }]);

        act.Should().Throw<ArgumentException>().WithMessage("User-defined protocol 'sms' has the name of a built-in protocol*");
    }

    [Fact]
    public void A_user_defined_protocol_defined_twice_in_different_case_is_refused()
    {
        var act = () => ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "Print" }, new UserDefinedProtocolOptions { Name = "PRINT" }]);

        act.Should().Throw<ArgumentException>().WithMessage("User-defined protocol 'PRINT' is defined more than once*");
    }

    [Fact]
    public void A_user_defined_protocol_with_an_invalid_name_is_refused()
    {
        var act = () => ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "Brev & pakke" }]);

        act.Should().Throw<ArgumentException>().WithMessage("User-defined protocol 'Brev & pakke' has an invalid name*");
    }

    [Fact]
    public void The_catalog_shows_a_user_defined_protocol_with_only_a_Danish_name_by_its_name_in_English()
    {
        var catalog = ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "Print", DisplayNameDa = "Brev" }]);

        (catalog.DisplayName(Protocol.Parse("Print"), English), catalog.DisplayName(Protocol.Parse("Print"), Danish)).Should().Be(("Print", "Brev"));
    }

    [Fact]
    public void The_catalog_shows_an_unknown_protocol_by_its_name()
    {
        CatalogWithPrint().DisplayName(Protocol.Parse("Fax")).Should().Be("Fax");
    }

    [Fact]
    public void The_catalog_contains_the_built_in_and_its_user_defined_protocols_only()
    {
        var catalog = CatalogWithPrint();

        (catalog.Contains(Protocol.Sms), catalog.Contains(Protocol.Parse("PRINT")), catalog.Contains(Protocol.Parse("Fax")), ProtocolCatalog.BuiltInOnly.Contains(Protocol.Email))
            .Should().Be((true, true, false, true));
    }

    [Fact]
    public void The_catalog_refuses_null_arguments()
    {
        var create = () => ProtocolCatalog.Create(null!);
        var lenient = () => ProtocolCatalog.CreateLenient(null!);
        var address = () => CatalogWithPrint().AddressOf(null!);
        var display = () => CatalogWithPrint().DisplayName(null!);

        create.Should().Throw<ArgumentNullException>().WithParameterName("userDefined");
        lenient.Should().Throw<ArgumentNullException>().WithParameterName("userDefined");
        address.Should().Throw<ArgumentNullException>().WithParameterName("protocol");
        display.Should().Throw<ArgumentNullException>().WithParameterName("protocol");
    }

    [Fact]
    public void The_lenient_catalog_skips_missing_invalid_built_in_and_repeated_definitions()
    {
        var catalog = ProtocolCatalog.CreateLenient(
        [
            null,
            new UserDefinedProtocolOptions { Name = "Brev & pakke" },
            new UserDefinedProtocolOptions { Name = "sms", Address = ProtocolAddress.None },
            new UserDefinedProtocolOptions { Name = "Print", Address = ProtocolAddress.None, DisplayNameDa = "Brev" },
            new UserDefinedProtocolOptions { Name = "PRINT", Address = ProtocolAddress.Phone },
        ]);

        catalog.All.Select(p => p.Name).Should().Equal("Sms", "Email", "DigitalPost", "Print");
        (catalog.AddressOf(Protocol.Parse("Print")), catalog.AddressOf(Protocol.Sms), catalog.DisplayName(Protocol.Parse("Print"))).Should().Be((ProtocolAddress.None, ProtocolAddress.Phone, "Brev"));
    }

    [Fact]
    public void A_user_defined_protocol_with_an_invalid_name_is_refused_with_the_naming_rule()
    {
        var act = () => ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "Brev & pakke" }]);

        act.Should().Throw<ArgumentException>().WithParameterName("userDefined")
            .WithMessage("User-defined protocol 'Brev & pakke' has an invalid name: use 1–40 letters, digits, '-' or '_', starting with a letter. (Parameter 'userDefined')");
    }

    [Fact]
    public void Asking_the_catalog_about_an_unknown_protocol_says_where_to_define_it()
    {
        var act = () => CatalogWithPrint().AddressOf(Protocol.Parse("Fax"));

        act.Should().Throw<ArgumentException>().WithParameterName("protocol")
            .WithMessage("Unknown protocol 'Fax': define it in UserDefinedProtocols. (Parameter 'protocol')");
    }

    private static ProtocolCatalog CatalogWithPrint()
        => ProtocolCatalog.Create([new UserDefinedProtocolOptions { Name = "Print", DisplayNameDa = "Brev", DisplayNameEn = "Letter" }]);
}
