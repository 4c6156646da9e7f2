using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;
using static Cicero.Notifications.Tests.Templates.TemplateTestKit;

namespace Cicero.Notifications.Tests.Templates;

public sealed class TemplateSetupTests
{
    [Fact]
    public void A_template_that_does_not_parse_fails_at_setup_naming_type_protocol_culture_part_line_and_column()
    {
        var create = () => Renderer(Template("Kære {{ name }}\nDu skylder {{ amount + }} kr.", culture: "da-DK"));

        create.Should().Throw<TemplateSetupException>()
            .Which.Failures.Should().ContainSingle().Which.Should().StartWith(
                "The template for type 'BalanceStatement', protocol 'Email', culture 'da-DK' (CiceroNotificationsOptions.Templates[0]): the body does not parse at line 2, column 24:");
    }

    [Fact]
    public void A_template_too_long_to_ever_render_fails_at_setup_before_it_is_parsed()
    {
        var create = () => Renderer(Template("{{ x }}" + new string('x', 50_000_000)));

        create.Should().Throw<TemplateSetupException>()
            .Which.Failures.Should().ContainSingle().Which.Should().EndWith("the body is 50000007 characters long; a template part may have at most 131072.");
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("html body")]
    public void A_parse_error_names_the_part(string part)
    {
        var template = part == "subject" ? Template("ok", subject: "{{ end }}") : Template("ok", html: "<p>{{ if x }}</p>");

        var create = () => Renderer(template);

        create.Should().Throw<TemplateSetupException>().WithMessage($"*the {part} does not parse at line 1, column *");
    }

    [Fact]
    public void A_template_from_a_source_that_does_not_parse_fails_at_setup()
    {
        var source = new FixedTemplateSource(new MessageTemplate(Balance, Print, "en", null, "{{ for }}"));

        var create = () => new ScribanTemplateRenderer(Options(), [source]);

        create.Should().Throw<TemplateSetupException>()
            .WithMessage("*type 'BalanceStatement', protocol 'Print', culture 'en' (template source 'FixedTemplateSource'): the body does not parse at line 1, column *");
    }

    [Theory]
    [InlineData("Balance Statement", "Email", "da", "invalid notification type name 'Balance Statement'")]
    [InlineData("BalanceStatement", "", "da", "invalid protocol name ''")]
    [InlineData("BalanceStatement", "Email", "xx-nowhere", "culture 'xx-nowhere', which is not a known culture name")]
    public void Invalid_names_in_a_configured_template_fail_clearly(string type, string protocol, string culture, string error)
    {
        var create = () => Renderer(Template("ok", culture, type, protocol));

        create.Should().Throw<TemplateSetupException>().WithMessage($"*{error}*");
    }

    [Fact]
    public void A_template_without_a_body_fails()
    {
        var create = () => Renderer(Template("  "));

        create.Should().Throw<TemplateSetupException>().WithMessage("*has an empty body.*");
    }

    [Fact]
    public void An_sms_template_with_a_subject_fails()
    {
        var create = () => Renderer(Template("tekst", protocol: "Sms", subject: "Emne"));

        create.Should().Throw<TemplateSetupException>().WithMessage("*has a subject, but an SMS has none: remove it.*");
    }

    [Fact]
    public void The_same_template_twice_in_the_options_fails()
    {
        var create = () => Renderer(Template("a", culture: "da"), Template("b", culture: "DA"));

        create.Should().Throw<TemplateSetupException>().WithMessage("*is defined twice in CiceroNotificationsOptions.Templates (also at index 0)*");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var create = () => Renderer(Template("{{ end }}"), Template("x", culture: "en", type: "1bad"), Template("", culture: "de"));

        create.Should().Throw<TemplateSetupException>().Which.Failures.Should().HaveCount(3);
    }

    [Fact]
    public void The_validator_reports_a_configured_protocol_without_a_template()
    {
        var options = Options();
        options.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Print" });
        options.Types["ReservationReady"] = TypeOptions(Protocol.Sms, Print);

        var failures = TemplateSetupValidator.Validate(options, []);

        failures.Should().Equal("Notification type 'ReservationReady' has no template for protocol 'Print' in culture 'da-DK' (or 'da').");
    }

    [Fact]
    public void The_validator_reports_an_alternative_protocol_without_a_template()
    {
        var options = Options();
        options.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Print" });
        var type = TypeOptions(Protocol.Sms);
        type.AlternativeProtocol = Print;
        options.Types["DueDateReminder"] = type;

        var failures = TemplateSetupValidator.Validate(options, []);

        failures.Should().Equal("Notification type 'DueDateReminder' has no template for protocol 'Print' in culture 'da-DK' (or 'da').");
    }

    [Fact]
    public void The_validator_accepts_the_built_in_types_with_the_shipped_templates()
    {
        var options = Options();
        options.DefaultCulture = "en-GB";
        foreach (var type in NotificationType.BuiltIn.Where(t => t != NotificationType.EmailVerification))
        {
            options.Types[type.Name] = TypeOptions(Protocol.Sms, Protocol.Email, Protocol.DigitalPost);
        }

        options.Types["EmailVerification"] = TypeOptions(Protocol.Email);

        TemplateSetupValidator.Validate(options, []).Should().BeEmpty();
    }

    [Fact]
    public void The_validator_finds_templates_from_options_and_sources()
    {
        var options = Options(Template("print", culture: "da", protocol: "Print"));
        options.Types["BalanceStatement"] = TypeOptions(Print, Protocol.DigitalPost);
        var source = new FixedTemplateSource(new MessageTemplate(Balance, Protocol.DigitalPost, "da-DK", "Saldo", "saldo"));

        TemplateSetupValidator.Validate(options, [source]).Should().BeEmpty();
    }

    [Fact]
    public void The_validator_requires_an_email_verification_template_when_email_is_used()
    {
        var options = Options(Template("hallo", culture: "de"));
        options.DefaultCulture = "de-DE";
        options.Types["BalanceStatement"] = TypeOptions(Protocol.Email);

        var failures = TemplateSetupValidator.Validate(options, []);

        failures.Should().Equal(
            "Notification type 'EmailVerification' has no template for protocol 'Email' in culture 'de-DE' (or 'de'): the verification message always goes by e-mail.");
    }

    [Fact]
    public void The_validator_reports_templates_that_do_not_parse()
    {
        var failures = TemplateSetupValidator.Validate(Options(Template("{{ if }}")), []);

        failures.Should().ContainSingle().Which.Should().Contain("the body does not parse at line 1, column");
    }

    private static NotificationTypeOptions TypeOptions(params Protocol[] protocols)
    {
        var type = new NotificationTypeOptions();
        foreach (var protocol in protocols)
        {
            type.Protocols.Add(protocol);
        }

        return type;
    }
}
