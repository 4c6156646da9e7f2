using Cicero.Notifications.Domain;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>
/// Rule 5: the server setup (<em>Serveropsætning</em>) bound from configuration, and the start-up validation that
/// names the type and the offending value.
/// </summary>
public sealed class ServerSetupValidationTests
{
    private const string Welcome = "Cicero:Notifications:Types:WelcomeBorrower";

    // ---- binding ----------------------------------------------------------------------------------------------

    [Fact]
    public void Protocols_bind_to_the_built_in_instances_in_order()
    {
        var options = Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:Protocols:1"] = "Email",
        });

        options.Types["WelcomeBorrower"].Protocols.Should().Equal(Protocol.Sms, Protocol.Email);
    }

    [Fact]
    public void A_protocol_written_in_lower_case_binds_to_the_built_in_instance()
    {
        var options = Bind(new() { [$"{Welcome}:Protocols:0"] = "sms" });

        options.Types["WelcomeBorrower"].Protocols[0].Should().BeSameAs(Protocol.Sms);
    }

    [Fact]
    public void The_alternative_protocol_binds_to_a_user_defined_protocol()
    {
        var options = Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:AlternativeProtocol"] = "Print",
            ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "Print",
            ["Cicero:Notifications:Templates:0:Type"] = "WelcomeBorrower",
            ["Cicero:Notifications:Templates:0:Protocol"] = "Print",
            ["Cicero:Notifications:Templates:0:Culture"] = "da",
            ["Cicero:Notifications:Templates:0:Body"] = "Velkommen",
        });

        options.Types["WelcomeBorrower"].AlternativeProtocol.Should().Be(Protocol.Parse("Print"));
    }

    [Fact]
    public void User_defined_protocols_bind_with_their_display_names_and_address()
    {
        var options = Bind(new()
        {
            ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "App",
            ["Cicero:Notifications:UserDefinedProtocols:0:DisplayNameDa"] = "Bibliotekets app",
            ["Cicero:Notifications:UserDefinedProtocols:0:Address"] = "Phone",
            [$"{Welcome}:Protocols:0"] = "Sms",
        });

        options.UserDefinedProtocols.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "App", DisplayNameDa = "Bibliotekets app", Address = ProtocolAddress.Phone });
    }

    [Fact]
    public void Type_names_are_looked_up_ignoring_case()
    {
        var options = Bind(new() { [$"{Welcome}:Protocols:0"] = "Sms" });

        options.Types.Should().ContainKey("welcomeborrower");
    }

    [Fact]
    public void An_unbound_setup_has_the_documented_defaults()
    {
        var options = Bind(new() { [$"{Welcome}:Protocols:0"] = "Sms" });

        options.Should().BeEquivalentTo(new { LibraryName = "Biblioteket", DefaultCulture = "da-DK", EmailVerificationWindow = TimeSpan.FromDays(3) });
    }

    [Fact]
    public void A_valid_setup_passes_validation()
    {
        var act = () => Bind(new()
        {
            ["Cicero:Notifications:LibraryName"] = "Aarhus Bibliotekerne",
            ["Cicero:Notifications:DefaultCulture"] = "da-DK",
            ["Cicero:Notifications:EmailVerificationWindow"] = "3.00:00:00",
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:Protocols:1"] = "Email",
            [$"{Welcome}:AlternativeProtocol"] = "Print",
            ["Cicero:Notifications:Types:BalanceStatement:Protocols:0"] = "DigitalPost",
            ["Cicero:Notifications:Types:BalanceStatement:AlternativeProtocol"] = "Print",
            ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "Print",
            ["Cicero:Notifications:UserDefinedProtocols:0:DisplayNameDa"] = "Brev",
            ["Cicero:Notifications:UserDefinedProtocols:0:DisplayNameEn"] = "Letter",
            ["Cicero:Notifications:Templates:0:Type"] = "WelcomeBorrower",
            ["Cicero:Notifications:Templates:0:Protocol"] = "Print",
            ["Cicero:Notifications:Templates:0:Body"] = "Velkommen",
            ["Cicero:Notifications:Templates:1:Type"] = "BalanceStatement",
            ["Cicero:Notifications:Templates:1:Protocol"] = "Print",
            ["Cicero:Notifications:Templates:1:Body"] = "Saldo",
            ["Cicero:Notifications:Templates:2:Type"] = "BalanceStatement",
            ["Cicero:Notifications:Templates:2:Protocol"] = "DigitalPost",
            ["Cicero:Notifications:Templates:2:Subject"] = "Saldo",
            ["Cicero:Notifications:Templates:2:Body"] = "Saldo",
        });

        act.Should().NotThrow();
    }

    // ---- validation failures ---------------------------------------------------------------------------------

    [Fact]
    public void An_unknown_protocol_is_refused_naming_the_type_and_the_protocol()
    {
        var act = () => Bind(new() { [$"{Welcome}:Protocols:0"] = "Fax" });

        act.Should().Throw<OptionsValidationException>().WithMessage("*Notification type 'WelcomeBorrower' uses unknown protocol 'Fax'*");
    }

    [Fact]
    public void An_unknown_alternative_protocol_is_refused_naming_the_type_and_the_protocol()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:AlternativeProtocol"] = "Print",
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*Notification type 'WelcomeBorrower' uses unknown alternative protocol 'Print'*");
    }

    [Fact]
    public void A_type_without_protocols_is_refused_naming_the_type()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:AlternativeProtocol"] = "Print",
            ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "Print",
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*Notification type 'WelcomeBorrower' has no protocols*");
    }

    [Fact]
    public void A_protocol_listed_twice_is_refused_naming_the_type_and_the_protocol()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:Protocols:1"] = "sms",
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*Notification type 'WelcomeBorrower' lists protocol 'Sms' more than once*");
    }

    [Fact]
    public void An_alternative_that_is_also_one_of_the_types_protocols_is_refused()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:Protocols:1"] = "Email",
            [$"{Welcome}:AlternativeProtocol"] = "Email",
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*Notification type 'WelcomeBorrower' has alternative protocol 'Email' that is also one of its protocols*");
    }

    [Fact]
    public void A_user_defined_protocol_defined_twice_is_refused_naming_it()
    {
        var act = () => Bind(new()
        {
            ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "Print",
            ["Cicero:Notifications:UserDefinedProtocols:1:Name"] = "print",
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*User-defined protocol 'print' is defined more than once*");
    }

    [Fact]
    public void A_user_defined_protocol_with_a_built_in_name_is_refused_naming_it()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "Email" });

        act.Should().Throw<OptionsValidationException>().WithMessage("*User-defined protocol 'Email' has the name of a built-in protocol*");
    }

    [Fact]
    public void A_user_defined_protocol_without_a_name_is_refused()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:UserDefinedProtocols:0:DisplayNameDa"] = "Brev" });

        act.Should().Throw<OptionsValidationException>().WithMessage("*User-defined protocol '' has an invalid name*");
    }

    [Fact]
    public void Validation_messages_do_not_carry_the_exception_parameter_suffix()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "Email" });

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().NotContain("(Parameter");
    }

    [Fact]
    public void An_invalid_default_culture_is_refused_naming_it()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:DefaultCulture"] = "xx-NOWHERE" });

        act.Should().Throw<OptionsValidationException>().WithMessage("*DefaultCulture 'xx-NOWHERE' is not a known culture name*");
    }

    [Fact]
    public void An_empty_library_name_is_refused()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:LibraryName"] = " " });

        act.Should().Throw<OptionsValidationException>().WithMessage("*LibraryName is empty*");
    }

    [Fact]
    public void A_verification_window_that_is_not_positive_is_refused_naming_it()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:EmailVerificationWindow"] = "00:00:00" });

        act.Should().Throw<OptionsValidationException>().WithMessage("*EmailVerificationWindow must be positive, not 00:00:00*");
    }

    [Fact]
    public void An_invalid_type_name_is_refused_naming_it()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:Types:Velkomst til låner:Protocols:0"] = "Sms" });

        act.Should().Throw<OptionsValidationException>().WithMessage("*Notification type 'Velkomst til låner' has an invalid name*");
    }

    [Fact]
    public void Every_problem_in_the_setup_is_reported_at_once()
    {
        var act = () => Bind(new()
        {
            ["Cicero:Notifications:DefaultCulture"] = "xx-NOWHERE",
            [$"{Welcome}:Protocols:0"] = "Fax",
        });

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().Contain(f => f.Contains("'xx-NOWHERE'", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("unknown protocol 'Fax'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_setup_fails_when_the_host_starts()
    {
        using var provider = Provider(new() { [$"{Welcome}:Protocols:0"] = "Fax" });
        var startup = provider.GetRequiredService<IStartupValidator>();

        var act = startup.Validate;

        act.Should().Throw<OptionsValidationException>().WithMessage("*'Fax'*");
    }

    [Fact]
    public void A_protocol_name_the_binder_cannot_convert_fails_start_up_instead_of_vanishing()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:Protocols:1"] = "Digital Post",
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*'WelcomeBorrower' names protocol 'Digital Post'*");
    }

    [Fact]
    public void An_alternative_protocol_the_binder_cannot_convert_fails_start_up()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:AlternativeProtocol"] = "Digital Post",
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*'WelcomeBorrower' names protocol 'Digital Post'*");
    }

    [Fact]
    public void A_user_defined_protocol_with_an_invalid_address_is_one_error_naming_its_path_and_the_valid_values()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "App",
            ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "App",
            ["Cicero:Notifications:UserDefinedProtocols:0:Address"] = "Phon",
            ["Cicero:Notifications:Templates:0:Type"] = "WelcomeBorrower",
            ["Cicero:Notifications:Templates:0:Protocol"] = "App",
            ["Cicero:Notifications:Templates:0:Body"] = "Velkommen",
        });

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "Cicero:Notifications:UserDefinedProtocols:0:Address 'Phon' is not a protocol address: use None, Phone, Email, CprOrCvr.");
    }

    [Fact]
    public void A_user_defined_protocol_with_an_invalid_delivery_is_one_error_naming_its_path_and_the_valid_values()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "App",
            ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "App",
            ["Cicero:Notifications:UserDefinedProtocols:0:Delivery"] = "Colected",
            ["Cicero:Notifications:Templates:0:Type"] = "WelcomeBorrower",
            ["Cicero:Notifications:Templates:0:Protocol"] = "App",
            ["Cicero:Notifications:Templates:0:Body"] = "Velkommen",
        });

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "Cicero:Notifications:UserDefinedProtocols:0:Delivery 'Colected' is not a way of delivery: use Channel, Collected.");
    }

    [Fact]
    public void A_collected_protocol_binds_from_configuration_and_starts_without_a_channel()
    {
        var options = Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Brev",
            ["Cicero:Notifications:UserDefinedProtocols:0:Name"] = "Brev",
            ["Cicero:Notifications:UserDefinedProtocols:0:Delivery"] = "Collected",
            ["Cicero:Notifications:Templates:0:Type"] = "WelcomeBorrower",
            ["Cicero:Notifications:Templates:0:Protocol"] = "Brev",
            ["Cicero:Notifications:Templates:0:Body"] = "Velkommen",
        });

        options.UserDefinedProtocols.Single().Delivery.Should().Be(ProtocolDelivery.Collected);
    }

    [Fact]
    public void An_alternative_protocol_the_binder_cannot_convert_is_the_only_error()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:AlternativeProtocol"] = "Digital Post",
        });

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "Notification type 'WelcomeBorrower' names protocol 'Digital Post', which is not a valid protocol name: use 1–40 letters, digits, '-' or '_' (for example DigitalPost).");
    }

    [Fact]
    public void A_fallback_protocol_the_binder_cannot_convert_is_the_only_error()
    {
        var act = () => Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:Fallback:0"] = "Email",
            [$"{Welcome}:Fallback:1"] = "Digital Post",
        });

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "Notification type 'WelcomeBorrower' names protocol 'Digital Post', which is not a valid protocol name: use 1–40 letters, digits, '-' or '_' (for example DigitalPost).");
    }

    [Fact]
    public void A_fallback_list_binds_from_configuration()
    {
        var options = Bind(new()
        {
            [$"{Welcome}:Protocols:0"] = "Sms",
            [$"{Welcome}:Fallback:0"] = "Email",
            [$"{Welcome}:Fallback:1"] = "DigitalPost",
            [$"{Welcome}:FallbackOnInDoubt"] = "true",
        });

        (options.Types["WelcomeBorrower"].Fallback, options.Types["WelcomeBorrower"].FallbackOnInDoubt).Should().BeEquivalentTo((new[] { Protocol.Email, Protocol.DigitalPost }, true));
    }

    [Fact]
    public void A_missing_section_fails_start_up_naming_its_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cicero:Notification:LibraryName"] = "Typo" }).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(configuration.GetSection("Cicero:Notifications"));
        using var provider = services.BuildServiceProvider();

        var act = provider.GetRequiredService<IStartupValidator>().Validate;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Be(
            "Configuration section 'Cicero:Notifications' is missing or empty: AddCiceroNotifications(IConfiguration) found no settings in it. Check the section name and that the file holding it (for example appsettings.json) is loaded.");
    }

    [Fact]
    public void A_configuration_without_notification_types_fails_start_up()
    {
        var act = () => Bind(new() { ["Cicero:Notifications:LibraryName"] = "Aarhus Bibliotekerne" });

        act.Should().Throw<OptionsValidationException>().Which.Message.Split(Environment.NewLine)[0].Should().Be(
            "Cicero:Notifications:Types is empty: set up at least one notification type, for example \"ReservationReady\" with \"Protocols\": [\"Sms\"].");
    }

    [Fact]
    public void An_option_error_names_the_full_configuration_path()
    {
        var act = () => Bind(new() { [$"{Welcome}:Protocols:0"] = "Sms", ["Cicero:Notifications:LibraryName"] = " " });

        act.Should().Throw<OptionsValidationException>().Which.Message.Split(Environment.NewLine)[0].Should().Be(
            "Cicero:Notifications:LibraryName is empty: give the library's name.");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static CiceroNotificationsOptions Bind(Dictionary<string, string?> settings)
    {
        using var provider = Provider(settings);
        return provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Cicero:Notifications:Verification:BaseUrl", "https://bibliotek.example.dk/bekraeft-email"); // required when a type uses Email
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var builder = services.AddCiceroNotifications(configuration.GetSection("Cicero:Notifications"));

        // Channels for the built-ins and every user-defined protocol in the settings, so only the setup itself is judged.
        builder.AddChannel(Protocol.Sms, new RecordingChannel())
            .AddChannel(Protocol.Email, new RecordingChannel())
            .AddChannel(Protocol.DigitalPost, new RecordingChannel());
        foreach (var (key, value) in settings)
        {
            if (key.StartsWith("Cicero:Notifications:UserDefinedProtocols:", StringComparison.Ordinal) && key.EndsWith(":Name", StringComparison.Ordinal)
                && Protocol.TryParse(value, out var protocol) && !protocol.IsBuiltIn
                && !string.Equals(settings.GetValueOrDefault(key[..^":Name".Length] + ":Delivery"), "Collected", StringComparison.OrdinalIgnoreCase))
            {
                builder.AddChannel(protocol, new RecordingChannel());
            }
        }

        return services.BuildServiceProvider();
    }
}
