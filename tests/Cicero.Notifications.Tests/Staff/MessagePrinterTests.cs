using System.Globalization;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Staff;

public sealed class MessagePrinterTests
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Theory]
    [InlineData("2026-07-01T10:00:00Z", "1. juli 2026 kl. 12:00")]
    [InlineData("2026-12-01T10:00:00Z", "1. december 2026 kl. 11:00")]
    [InlineData("2026-03-29T00:59:00Z", "29. marts 2026 kl. 01:59")]
    [InlineData("2026-03-29T01:00:00Z", "29. marts 2026 kl. 03:00")]
    [InlineData("2026-10-25T00:30:00Z", "25. oktober 2026 kl. 02:30")]
    [InlineData("2026-10-25T01:30:00Z", "25. oktober 2026 kl. 02:30")]
    public void Send_time_is_printed_in_Copenhagen_time_across_daylight_saving_changes(string createdAt, string printed)
    {
        using var host = new StaffHost();

        var text = host.Printer.Print(SmsCreatedAt(DateTimeOffset.Parse(createdAt, CultureInfo.InvariantCulture)), Danish).Text;

        text.Should().Contain($"Sendetidspunkt:  {printed}\n");
    }

    [Fact]
    public void Last_change_is_printed_in_Copenhagen_time()
    {
        using var host = new StaffHost();
        var message = SmsCreatedAt(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero)).MarkDelivered(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

        var text = host.Printer.Print(message, English).Text;

        text.Should().Contain("Last changed:    1 December 2026, 11:00\n");
    }

    [Fact]
    public void A_confirmed_delivery_is_printed_in_both_layouts_and_languages()
    {
        using var host = new StaffHost();
        var message = SmsCreatedAt(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero))
            .MarkDelivered(new DateTimeOffset(2026, 12, 1, 9, 0, 1, TimeSpan.Zero), "gw-1")
            .ConfirmDelivery(new DateTimeOffset(2026, 12, 1, 9, 0, 30, TimeSpan.Zero));

        var danish = host.Printer.Print(message);
        var english = host.Printer.Print(message, English);
        var unconfirmed = host.Printer.Print(SmsCreatedAt(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)).MarkDelivered(new DateTimeOffset(2026, 12, 1, 9, 0, 1, TimeSpan.Zero)));

        danish.Text.Should().Contain("Leveret:         1. december 2026 kl. 10:00\n");
        danish.Html.Should().Contain("<tr><th scope=\"row\">Leveret</th><td>1. december 2026 kl. 10:00</td></tr>");
        english.Text.Should().Contain("Delivered:       1 December 2026, 10:00\n");
        english.Html.Should().Contain("<tr><th scope=\"row\">Delivered</th><td>1 December 2026, 10:00</td></tr>");
        (unconfirmed.Text + unconfirmed.Html).Should().NotContain("Leveret");
    }

    [Fact]
    public void Times_are_printed_in_the_configured_time_zone()
    {
        using var host = new StaffHost(o => o.TimeZone = "America/New_York");

        var text = host.Printer.Print(SmsCreatedAt(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero)), English).Text;

        text.Should().Contain("Send time:       1 July 2026, 06:00\n");
    }

    [Fact]
    public void Printed_message_shows_the_library_name()
    {
        using var host = new StaffHost(o => o.LibraryName = "Odense Bibliotekerne");

        var printed = host.Printer.Print(PrintedMessages.SmsSent());

        (printed.Html.Contains("<h1>Odense Bibliotekerne</h1>", StringComparison.Ordinal), printed.Text.StartsWith("Odense Bibliotekerne\n", StringComparison.Ordinal))
            .Should().Be((true, true));
    }

    [Fact]
    public void Html_has_A4_print_css()
    {
        using var host = new StaffHost();

        var html = host.Printer.Print(PrintedMessages.SmsSent()).Html;

        html.Should().Contain("@page { size: A4; margin:");
    }

    [Theory]
    [InlineData("http")]
    [InlineData("src=")]
    [InlineData("<link")]
    [InlineData("@import")]
    [InlineData("<script")]
    [InlineData("url(")]
    public void Html_is_self_contained(string external)
    {
        using var host = new StaffHost();

        var html = host.Printer.Print(PrintedMessages.DigitalPostHandled(), English).Html;

        html.Should().NotContainEquivalentOf(external);
    }

    [Fact]
    public void Script_in_the_body_prints_as_text()
    {
        using var host = new StaffHost();

        var html = host.Printer.Print(PrintedMessages.EmailFailed()).Html;

        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>alert(1)</script>");
    }

    [Fact]
    public void Markup_in_the_subject_prints_as_text()
    {
        using var host = new StaffHost();

        var html = host.Printer.Print(PrintedMessages.EmailFailed()).Html;

        html.Should().Contain("<h2>Rykker: &lt;b&gt;Kongens Fald&lt;/b&gt; &amp; &quot;Jorden rundt&quot;</h2>");
    }

    [Fact]
    public void Body_line_breaks_are_kept_in_html()
    {
        using var host = new StaffHost();

        var html = host.Printer.Print(PrintedMessages.DigitalPostHandled()).Html;

        (html.Contains(".body { white-space: pre-wrap;", StringComparison.Ordinal), html.Contains(">Din saldo hos biblioteket er 125,00 kr.\nBetal senest 30. april.</div>", StringComparison.Ordinal))
            .Should().Be((true, true));
    }

    [Fact]
    public void Body_line_breaks_are_kept_in_text()
    {
        using var host = new StaffHost();

        var text = host.Printer.Print(PrintedMessages.DigitalPostHandled()).Text;

        text.Should().Contain("\nDin saldo hos biblioteket er 125,00 kr.\nBetal senest 30. april.\n");
    }

    [Fact]
    public void CPR_number_is_printed_masked()
    {
        using var host = new StaffHost();

        var printed = host.Printer.Print(PrintedMessages.DigitalPostHandled());

        (printed.Html + printed.Text).Should().Contain("010190-xxxx").And.NotContain("0101901234").And.NotContain("010190-1234");
    }

    [Fact]
    public void Anonymized_message_prints_its_metadata_and_says_its_content_was_anonymized()
    {
        using var host = new StaffHost();

        var text = host.Printer.Print(PrintedMessages.Anonymized(), Danish).Text;

        text.Should().ContainAll("Velkomst til låner", "SMS", "Sendt", "15. januar 2026 kl. 10:00", "Beskedens indhold er anonymiseret.");
    }

    [Fact]
    public void Message_is_printed_in_its_own_culture_unless_another_is_asked_for()
    {
        using var host = new StaffHost();
        var english = Message.CreatePending(
            PrintedMessages.Id("0197c1a0-0000-7000-8000-0000000000e1"), BorrowerId.Parse("B-1"), NotificationType.WelcomeBorrower, Protocol.Sms,
            MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")), new MessageContent(null, "Welcome!", null), "en-GB", StaffHost.Start);

        var printed = host.Printer.Print(english);

        (printed.Culture, printed.Text.Contains("Printed message", StringComparison.Ordinal)).Should().Be(("en-GB", true));
    }

    [Fact]
    public void Message_without_content_says_so()
    {
        using var host = new StaffHost();
        var missing = Message.CreateMissingContactInfo(
            PrintedMessages.Id("0197c1a0-0000-7000-8000-0000000000e2"), BorrowerId.Parse("B-1"), NotificationType.WelcomeBorrower, Protocol.Sms, null, "da-DK", StaffHost.Start);

        var text = host.Printer.Print(missing).Text;

        text.Should().ContainAll("Mangler kontaktoplysninger", "Modtager:        (ingen)", "Beskeden har intet indhold.");
    }

    [Fact]
    public async Task Printing_a_stored_message_reads_it_from_the_store()
    {
        using var host = new StaffHost();
        var stored = await host.AddAsync(PrintedMessages.SmsSent());

        var printed = await host.Printer.PrintAsync(stored.Id);

        printed!.Text.Should().Contain("Hej Karen!");
    }

    [Fact]
    public async Task Printing_an_unknown_message_gives_null()
    {
        using var host = new StaffHost();

        var printed = await host.Printer.PrintAsync(PrintedMessages.Id("0197c1a0-0000-7000-8000-0000000000ff"));

        printed.Should().BeNull();
    }

    [Fact]
    public void Printed_message_ToString_leaves_out_the_documents()
    {
        using var host = new StaffHost();

        var printed = host.Printer.Print(PrintedMessages.SmsSent());

        printed.ToString().Should().NotContainAny("+4520123456", "Karen");
    }

    // Host layouts

    [Fact]
    public void Host_layout_replaces_the_shipped_one_for_its_culture()
    {
        using var host = new StaffHost(o => o.Print.TextTemplates["da"] = "{{ library_name }}: {{ type }} ({{ status }})");

        var text = host.Printer.Print(PrintedMessages.SmsSent(), Danish).Text;

        text.Should().Be("Aarhus Bibliotekerne: Reservering klar til afhentning (Sendt)");
    }

    [Fact]
    public void Culture_without_a_host_layout_gets_the_shipped_one()
    {
        using var host = new StaffHost(o => o.Print.TextTemplates["da"] = "{{ type }}");

        var text = host.Printer.Print(PrintedMessages.SmsSent(), English).Text;

        text.Should().StartWith("Aarhus Bibliotekerne\nPrinted message\n");
    }

    [Fact]
    public void Values_in_a_host_html_layout_are_encoded_too()
    {
        using var host = new StaffHost(o => o.Print.HtmlTemplates["da"] = "<article><h1>{{ subject }}</h1><pre>{{ body }}</pre></article>");

        var html = host.Printer.Print(PrintedMessages.EmailFailed(), Danish).Html;

        html.Should().StartWith("<article><h1>Rykker: &lt;b&gt;Kongens Fald&lt;/b&gt;").And.NotContain("<script>");
    }

    [Fact]
    public void Host_layout_can_format_the_local_times_itself()
    {
        using var host = new StaffHost(o => o.Print.TextTemplates["en"] = "{{ created_at_local | date.to_string '%Y-%m-%d %H:%M' }}");

        var text = host.Printer.Print(PrintedMessages.EmailFailed(), English).Text;

        text.Should().Be("2026-12-01 11:00");
    }

    [Theory]
    [InlineData("{{ include 'other' }}")]
    [InlineData("{{ object.eval '1 + 1' }}")]
    [InlineData("{{ date.now }}")]
    [InlineData("{{ no_such_variable }}")]
    [InlineData("{{ body.length }}")]
    [InlineData("{{ for i in 1..100000 }}x{{ end }}")]
    public void Layout_that_leaves_the_sandbox_fails_start_up_naming_the_layout(string layout)
    {
        var act = () => Start(o => o.Print.HtmlTemplates["da"] = layout);

        act.Should().Throw<OptionsValidationException>().WithMessage("*Print.HtmlTemplates[da]*");
    }

    [Fact]
    public void Layout_that_does_not_parse_fails_start_up_naming_the_layout()
    {
        var act = () => Start(o => o.Print.TextTemplates["en"] = "{{ if }}");

        act.Should().Throw<OptionsValidationException>().WithMessage("*Print.TextTemplates[en]*does not parse*");
    }

    [Fact]
    public void Layout_too_long_to_ever_render_fails_start_up_naming_the_layout()
    {
        var act = () => Start(o => o.Print.HtmlTemplates["da"] = new string('x', 200_000));

        act.Should().Throw<OptionsValidationException>().WithMessage("*Print.HtmlTemplates[da] is 200000 characters long; a layout may have at most 131072.*");
    }

    [Fact]
    public void Layout_for_an_unknown_culture_fails_start_up()
    {
        var act = () => Start(o => o.Print.TextTemplates["xx-NOWHERE"] = "{{ type }}");

        act.Should().Throw<OptionsValidationException>().WithMessage("*Print.TextTemplates[xx-NOWHERE]*not a known culture*");
    }

    [Fact]
    public void Empty_layout_fails_start_up()
    {
        var act = () => Start(o => o.Print.HtmlTemplates["da"] = "  ");

        act.Should().Throw<OptionsValidationException>().WithMessage("*Print.HtmlTemplates[da] is empty: give a layout or remove the entry to use the shipped one.*");
    }

    [Fact]
    public void Unknown_time_zone_fails_start_up()
    {
        var act = () => Start(o => o.TimeZone = "Europe/Atlantis");

        act.Should().Throw<OptionsValidationException>().WithMessage("*TimeZone 'Europe/Atlantis' is not a time zone*");
    }

    [Fact]
    public void Print_options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["TimeZone"] = "Europe/Oslo",
                ["Print:TextTemplates:da"] = "{{ type }}",
                ["Types:ReservationReady:Protocols:0"] = "Sms",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(configuration).AddChannel(Protocol.Sms, new Cicero.Notifications.Testing.RecordingChannel());

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;

        (options.TimeZone, options.Print.TextTemplates["da"]).Should().Be(("Europe/Oslo", "{{ type }}"));
    }

    private static void Start(Action<CiceroNotificationsOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(configure);
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;
    }

    private static Message SmsCreatedAt(DateTimeOffset createdAt)
        => Message.CreatePending(
            MessageId.New(createdAt), BorrowerId.Parse("B-1"), NotificationType.WelcomeBorrower, Protocol.Sms,
            MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")), new MessageContent(null, "Velkommen.", null), "da-DK", createdAt);
}
