using Cicero.Notifications.Domain;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Sending;

public sealed class StartupValidationTests
{
    [Fact]
    public void Protocol_used_by_a_type_without_a_channel_fails_start_up_naming_both()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["WelcomeBorrower"] = Setup(Protocol.Sms))
            .AddChannel(Protocol.Email, new RecordingChannel());

        var act = () => Resolve(services);

        act.Should().Throw<OptionsValidationException>().WithMessage("*'WelcomeBorrower' uses protocol 'Sms', which has no channel*");
    }

    [Fact]
    public void Two_channels_for_one_protocol_fail_start_up()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { })
            .AddChannel(Protocol.Sms, new RecordingChannel())
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var act = () => Resolve(services);

        act.Should().Throw<OptionsValidationException>().WithMessage("*Protocol 'Sms' has 2 channels*");
    }

    [Fact]
    public void Unknown_protocol_in_a_type_fails_start_up_naming_type_and_protocol()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["WelcomeBorrower"] = Setup(Protocol.Parse("Pigeon")));

        var act = () => Resolve(services);

        act.Should().Throw<OptionsValidationException>().WithMessage("*'WelcomeBorrower' uses unknown protocol 'Pigeon'*");
    }

    [Fact]
    public void Broken_template_fails_start_up_naming_type_protocol_and_culture()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.Types["WelcomeBorrower"] = Setup(Protocol.Sms);
                o.Templates.Add(new() { Type = "WelcomeBorrower", Protocol = "Sms", Culture = "da", Body = "Hej {{ if }}" });
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var act = () => Resolve(services);

        act.Should().Throw<OptionsValidationException>().WithMessage("*WelcomeBorrower*Sms*da*");
    }

    [Fact]
    public void Valid_setup_starts()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["WelcomeBorrower"] = Setup(Protocol.Sms))
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var act = () => Resolve(services);

        act.Should().NotThrow();
    }

    [Fact]
    public void A_misspelt_protocol_in_a_type_is_one_error_listing_the_known_protocols()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["WelcomeBorrower"] = Setup(Protocol.Parse("Smss")))
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var failure = Failure(services);

        failure.Failures.Should().Equal(
            "Notification type 'WelcomeBorrower' uses unknown protocol 'Smss': use a built-in protocol (Sms, Email, DigitalPost) or a user-defined one (none defined), or define 'Smss' in UserDefinedProtocols.");
    }

    [Fact]
    public void A_misspelt_alternative_protocol_is_one_error_listing_the_user_defined_protocols()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Print" });
                var type = Setup(Protocol.Sms);
                type.AlternativeProtocol = Protocol.Parse("Prnt");
                o.Types["WelcomeBorrower"] = type;
            })
            .AddChannel(Protocol.Sms, new RecordingChannel())
            .AddChannel(Protocol.Parse("Print"), new RecordingChannel());

        var failure = Failure(services);

        failure.Failures.Should().Equal(
            "Notification type 'WelcomeBorrower' uses unknown alternative protocol 'Prnt': use a built-in protocol (Sms, Email, DigitalPost) or a user-defined one (Print), or define 'Prnt' in UserDefinedProtocols.");
    }

    [Fact]
    public void A_misspelt_repeated_or_channel_less_fallback_protocol_is_named_once_each()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                var type = Setup(Protocol.Sms);
                type.Fallback.Add(Protocol.Parse("Prnt"));
                type.Fallback.Add(Protocol.Email);
                type.Fallback.Add(Protocol.Email);
                o.Types["WelcomeBorrower"] = type;
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var failure = Failure(services);

        failure.Failures.Should().Contain([
            "Notification type 'WelcomeBorrower' uses unknown fallback protocol 'Prnt': use a built-in protocol (Sms, Email, DigitalPost) or a user-defined one (none defined), or define 'Prnt' in UserDefinedProtocols.",
            "Notification type 'WelcomeBorrower' lists fallback protocol 'Email' more than once.",
            "Notification type 'WelcomeBorrower' uses protocol 'Email', which has no channel: register one with AddChannel<TChannel>(Protocol.Parse(\"Email\")).",
        ]);
        failure.Failures.Should().ContainSingle(f => f.Contains("'Prnt'"));
    }

    [Fact]
    public void Fallback_on_in_doubt_without_a_fallback_list_fails_start_up()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                var type = Setup(Protocol.Sms);
                type.FallbackOnInDoubt = true;
                o.Types["WelcomeBorrower"] = type;
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        Failure(services).Failures.Should().Equal(
            "Notification type 'WelcomeBorrower' sets FallbackOnInDoubt but has no Fallback protocols: list them (for example \"Fallback\": [\"Email\", \"DigitalPost\"]) or remove the setting.");
    }

    [Fact]
    public void A_misspelt_protocol_in_a_template_is_one_error_without_a_missing_template_error()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.Types["LibraryNews"] = Setup(Protocol.Sms);
                o.Templates.Add(new() { Type = "LibraryNews", Protocol = "Smss", Culture = "da", Body = "Nyt fra biblioteket" });
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var failure = Failure(services);

        failure.Failures.Should().Equal(
            "The template for type 'LibraryNews', protocol 'Smss', culture 'da' (CiceroNotificationsOptions.Templates[0]) names unknown protocol 'Smss': use a built-in protocol (Sms, Email, DigitalPost) or a user-defined one (none defined), or define 'Smss' in UserDefinedProtocols.");
    }

    [Fact]
    public void A_channel_registered_for_a_misspelt_protocol_is_reported_first_naming_it()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["WelcomeBorrower"] = Setup(Protocol.Sms))
            .AddChannel(Protocol.Parse("Smss"), new RecordingChannel());

        var failure = Failure(services);

        FirstLine(failure).Should().Be(
            "A channel (RecordingChannel) is registered for unknown protocol 'Smss': use a built-in protocol (Sms, Email, DigitalPost) or a user-defined one (none defined), or define 'Smss' in UserDefinedProtocols.");
    }

    [Fact]
    public void A_template_that_does_not_parse_is_one_error_without_a_missing_template_error()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.Types["LibraryNews"] = Setup(Protocol.Sms);
                o.Templates.Add(new() { Type = "LibraryNews", Protocol = "Sms", Culture = "da", Body = "Hej {{ if }}" });
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var failure = Failure(services);

        failure.Failures.Should().ContainSingle().Which.Should().StartWith(
            "The template for type 'LibraryNews', protocol 'Sms', culture 'da' (CiceroNotificationsOptions.Templates[0]): the body does not parse at line 1, column ");
    }

    [Fact]
    public void Several_problems_are_one_per_line_without_a_semicolon_after_a_full_stop()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.LibraryName = " ";
                o.Types["WelcomeBorrower"] = Setup(Protocol.Parse("Smss"));
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        var failure = Failure(services);

        failure.Message.Split(Environment.NewLine).Should().Equal(failure.Failures);
        failure.Message.Should().NotContain(".;");
        FirstLine(failure).Should().Be("LibraryName is empty: give the library's name.");
    }

    [Fact]
    public void A_type_on_digital_post_without_a_channel_names_AddDigitalPost()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["BalanceStatement"] = Setup(Protocol.DigitalPost));

        var failure = Failure(services);

        FirstLine(failure).Should().Be(
            "Notification type 'BalanceStatement' uses protocol 'DigitalPost', which has no channel: register one with AddDigitalPost<TTransport>(…), which sends MeMo letters through your IDigitalPostTransport.");
    }

    [Fact]
    public void A_code_setup_names_options_by_their_path_in_the_options()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.Types["WelcomeBorrower"] = Setup(Protocol.Sms);
                o.Retry.MaxAttempts = 0;
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        FirstLine(Failure(services)).Should().Be("Retry.MaxAttempts must be at least 1, not 0.");
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("1.00:00:01")]
    public void A_digest_window_of_zero_or_over_a_day_fails_start_up(string window)
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                var type = Setup(Protocol.Sms);
                type.DigestWindow = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture);
                o.Types["ReservationReady"] = type;
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        Failure(services).Failures.Should().Equal(
            $"Notification type 'ReservationReady' has DigestWindow {window}: use a time above zero and at most one day (for example \"00:10:00\"), or remove it.");
    }

    [Fact]
    public void The_verification_mail_cannot_be_a_digest()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                var type = Setup(Protocol.Email);
                type.DigestWindow = TimeSpan.FromMinutes(10);
                o.Types["EmailVerification"] = type;
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft");
            })
            .AddChannel(Protocol.Email, new RecordingChannel());

        Failure(services).Failures.Should().Contain(
            "Notification type 'EmailVerification' cannot have a DigestWindow: the verification mail goes out at once, on its own.");
    }

    [Fact]
    public void A_digest_types_template_that_ignores_its_items_fails_start_up_and_the_shipped_ones_pass()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                var ready = Setup(Protocol.Sms);
                ready.DigestWindow = TimeSpan.FromMinutes(10);
                o.Types["ReservationReady"] = ready;
                var reminder = Setup(Protocol.Sms);
                reminder.DigestWindow = TimeSpan.FromMinutes(10);
                o.Types["DueDateReminder"] = reminder;
                o.Templates.Add(new Cicero.Notifications.Templates.TemplateOptions { Type = "ReservationReady", Protocol = "Sms", Culture = "da", Body = "{{ title }} er klar." });
            })
            .AddChannel(Protocol.Sms, new RecordingChannel());

        Failure(services).Failures.Should().Equal(
            "The template for type 'ReservationReady', protocol 'Sms', culture 'da' (CiceroNotificationsOptions.Templates[0]) does not use 'items': notification type 'ReservationReady' has a DigestWindow, so a digest would show only its first notification. "
            + "List them (for example {{ for item in items }}{{ item.title }}{{ end }}) or remove the DigestWindow.");
    }

    [Fact]
    public void A_digest_window_binds_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cicero:Notifications:Types:DueDateReminder:Protocols:0"] = "Sms",
            ["Cicero:Notifications:Types:DueDateReminder:DigestWindow"] = "00:10:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(configuration.GetSection("Cicero:Notifications")).AddChannel(Protocol.Sms, new RecordingChannel());

        Resolve(services).Types["DueDateReminder"].DigestWindow.Should().Be(TimeSpan.FromMinutes(10));
    }

    private static OptionsValidationException Failure(ServiceCollection services)
    {
        var act = () => Resolve(services);
        return act.Should().Throw<OptionsValidationException>().Which;
    }

    private static string FirstLine(Exception exception) => exception.Message.Split(Environment.NewLine)[0];

    private static NotificationTypeOptions Setup(Protocol protocol)
    {
        var type = new NotificationTypeOptions();
        type.Protocols.Add(protocol);
        return type;
    }

    private static CiceroNotificationsOptions Resolve(ServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;
    }
}
