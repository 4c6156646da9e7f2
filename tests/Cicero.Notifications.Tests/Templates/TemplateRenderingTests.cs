using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;
using static Cicero.Notifications.Tests.Templates.TemplateTestKit;

namespace Cicero.Notifications.Tests.Templates;

public sealed class TemplateRenderingTests
{
    [Fact]
    public void Renders_subject_body_and_html_body_with_the_data()
    {
        var renderer = Renderer(Template(
            subject: "Saldo for {{ borrower_name }}",
            body: "Kære {{ borrower_name }}, du skylder {{ amount }} kr.",
            html: "<p>Kære {{ borrower_name }}</p>"));

        var rendered = renderer.Render(Data(("borrower_name", "Ida Jensen"), ("amount", 25)));

        rendered.Should().Be(new RenderedTemplate("Saldo for Ida Jensen", "Kære Ida Jensen, du skylder 25 kr.", "<p>Kære Ida Jensen</p>"));
    }

    [Fact]
    public void The_renderer_can_be_built_from_registered_options()
    {
        var renderer = new ScribanTemplateRenderer(Microsoft.Extensions.Options.Options.Create(Options(Template("ok"))), []);

        renderer.Render(Data()).Body.Should().Be("ok");
    }

    [Fact]
    public void Library_name_from_the_options_is_available_to_every_template()
    {
        var renderer = Renderer(Template("Hilsen {{ library_name }}"));

        renderer.Render(Data()).Body.Should().Be("Hilsen Testrup Bibliotek");
    }

    [Fact]
    public void A_regional_culture_falls_back_to_its_neutral_culture()
    {
        var renderer = Renderer(Template("dansk", culture: "da"), Template("english", culture: "en"));

        renderer.Render(Data(), culture: "da-DK").Body.Should().Be("dansk");
        renderer.Render(Data(), culture: "en-GB").Body.Should().Be("english");
    }

    [Fact]
    public void An_exact_culture_wins_over_its_neutral_culture()
    {
        var renderer = Renderer(Template("neutral", culture: "da"), Template("regional", culture: "da-DK"));

        renderer.Render(Data(), culture: "da-DK").Body.Should().Be("regional");
    }

    [Fact]
    public void A_culture_without_templates_falls_back_to_the_default_culture()
    {
        var renderer = Renderer(Template("dansk", culture: "da"), Template("english", culture: "en"));

        renderer.Render(Data(), culture: "de-DE").Body.Should().Be("dansk");
        renderer.Render(Data(), culture: "").Body.Should().Be("dansk");
    }

    [Fact]
    public void Type_protocol_and_culture_are_matched_ignoring_case()
    {
        var renderer = Renderer(Template("print", culture: "DA-dk", type: "balancestatement", protocol: "PRINT"));

        renderer.Render(Balance, Print, "da-DK", Data()).Body.Should().Be("print");
    }

    [Fact]
    public void HasTemplate_uses_the_same_culture_fallback()
    {
        var renderer = Renderer(Template("dansk", culture: "da"));

        renderer.HasTemplate(Balance, Protocol.Email, "de-DE").Should().BeTrue();
        renderer.HasTemplate(Balance, Print, "da-DK").Should().BeFalse();
    }

    [Fact]
    public void A_missing_template_is_a_render_error_naming_type_protocol_and_cultures_tried()
    {
        var renderer = Renderer();

        var render = () => renderer.Render(Balance, Print, "en-GB", Data());

        render.Should().Throw<TemplateRenderException>()
            .WithMessage("No template for notification type 'BalanceStatement' and protocol 'Print' in culture 'en-GB' (or 'en', 'da-DK', 'da').");
    }

    [Fact]
    public void A_template_in_options_overrides_the_shipped_default()
    {
        var renderer = Renderer(Template("Din bog er klar: {{ title }}", type: "ReservationReady", protocol: "Sms"));

        renderer.Render(NotificationType.ReservationReady, Protocol.Sms, "da-DK", Data(("title", "Kaptajn Klo")))
            .Body.Should().Be("Din bog er klar: Kaptajn Klo");
    }

    [Fact]
    public void A_template_source_overrides_the_options()
    {
        var source = new FixedTemplateSource(new MessageTemplate(Balance, Protocol.Email, "da", null, "fra kilden"));
        var renderer = new ScribanTemplateRenderer(Options(Template("fra options")), [source]);

        renderer.Render(Data()).Body.Should().Be("fra kilden");
        source.Reads.Should().Be(1);
    }

    [Fact]
    public void A_later_template_source_overrides_an_earlier_one()
    {
        var first = new FixedTemplateSource(new MessageTemplate(Balance, Protocol.Email, "da", null, "første"));
        var second = new FixedTemplateSource(new MessageTemplate(Balance, Protocol.Email, "DA", null, "anden"));
        var renderer = new ScribanTemplateRenderer(Options(), [first, second]);

        renderer.Render(Data()).Body.Should().Be("anden");
    }

    [Fact]
    public void A_missing_variable_is_a_render_error_naming_the_template_part_line_and_column()
    {
        var renderer = Renderer(Template("Kære {{ borrower_name }}\nDu skylder {{ amount }} kr."));

        var render = () => renderer.Render(Data(("borrower_name", "Ida")));

        render.Should().Throw<TemplateRenderException>()
            .WithMessage("Template for type 'BalanceStatement', protocol 'Email', culture 'da': the body failed at line 2, column 15: The variable or function `amount` was not found*");
    }

    [Fact]
    public void Values_in_the_html_body_are_html_encoded_but_subject_and_text_body_are_not()
    {
        var renderer = Renderer(Template(subject: "{{ title }}", body: "{{ title }}", html: "<h1>{{ title }}</h1><p>{{ [title, 'x'] | array.join ', ' }}</p>"));
        const string title = "<script>alert('Tom & Jerry')</script>";

        var rendered = renderer.Render(Data(("title", title)));

        rendered.Subject.Should().Be(title);
        rendered.Body.Should().Be(title);
        rendered.HtmlBody.Should().Be(
            "<h1>&lt;script&gt;alert(&#39;Tom &amp; Jerry&#39;)&lt;/script&gt;</h1><p>&lt;script&gt;alert(&#39;Tom &amp; Jerry&#39;)&lt;/script&gt;, x</p>");
    }

    [Fact]
    public void An_sms_over_the_segment_limit_is_a_render_error()
    {
        var options = Options(Template("{{ text }}", protocol: "Sms"));
        options.MaxSmsSegments = 10;
        var renderer = new ScribanTemplateRenderer(options, []);

        var render = () => renderer.Render(Data(("text", new string('a', 12 * 153))), protocol: "Sms");

        render.Should().Throw<TemplateRenderException>().WithMessage("*the SMS is 12 segments; the limit is 10.");
    }

    [Fact]
    public void An_sms_within_the_segment_limit_renders()
    {
        var renderer = Renderer(Template("{{ text }}", protocol: "Sms"));

        renderer.Render(Data(("text", new string('a', 10 * 153))), protocol: "Sms").Body.Should().HaveLength(1530);
    }

    [Fact]
    public void Json_element_data_renders_objects_arrays_numbers_and_booleans()
    {
        using var json = JsonDocument.Parse("""
            { "borrower": { "name": "Ida" }, "loans": [ { "title": "Bog A", "days": 3 }, { "title": "Bog B", "days": 2.5 } ], "vip": true, "note": null }
            """);
        var renderer = Renderer(Template(
            "{{ borrower.name }}:{{ for loan in loans }} {{ loan.title }} ({{ loan.days }}){{ end }}{{ if vip }} VIP{{ end }}{{ note }}"));

        var body = renderer.Render(Data(("borrower", json.RootElement.GetProperty("borrower")), ("loans", json.RootElement.GetProperty("loans")),
            ("vip", json.RootElement.GetProperty("vip")), ("note", json.RootElement.GetProperty("note")))).Body;

        body.Should().Be("Ida: Bog A (3) Bog B (2,5) VIP");
    }

    [Fact]
    public void Nested_dictionaries_and_lists_render()
    {
        var renderer = Renderer(Template("{{ borrower.name }}: {{ loans | array.join ', ' }} / {{ branch.address.city }}"));

        var body = renderer.Render(Data(
            ("borrower", new Dictionary<string, object?> { ["name"] = "Ida" }),
            ("loans", new List<string> { "Bog A", "Bog B" }),
            ("branch", new Dictionary<string, object> { ["address"] = new Dictionary<string, string> { ["city"] = "Testrup" } }))).Body;

        body.Should().Be("Ida: Bog A, Bog B / Testrup");
    }

    [Fact]
    public void Dates_and_numbers_print_in_the_language_of_the_template()
    {
        var renderer = Renderer(
            Template("{{ day }} | {{ at }} | {{ moment }} | {{ time }} | {{ amount }}", culture: "da"),
            Template("{{ day }} | {{ at }} | {{ moment }} | {{ time }} | {{ amount }}", culture: "en"));
        var data = Data(
            ("day", new DateOnly(2025, 3, 12)),
            ("at", new DateTimeOffset(2025, 3, 12, 14, 30, 0, TimeSpan.FromHours(1))),
            ("moment", new DateTime(2025, 3, 12)),
            ("time", new TimeOnly(9, 5)),
            ("amount", 12.5m));

        renderer.Render(data, culture: "da-DK").Body.Should().Be("12. marts 2025 | 12. marts 2025 kl. 14.30 | 12. marts 2025 | 09.05 | 12,5");
        renderer.Render(data, culture: "en").Body.Should().Be("12 March 2025 | 12 March 2025 14:30 | 12 March 2025 | 09:05 | 12.5");
    }

    [Fact]
    public void A_template_can_still_format_a_date_itself()
    {
        var renderer = Renderer(Template("{{ day | date.to_string '%d-%m-%Y' }}"));

        renderer.Render(Data(("day", new DateOnly(2025, 3, 12)))).Body.Should().Be("12-03-2025");
    }

    [Fact]
    public void A_subject_is_kept_on_one_line()
    {
        var renderer = Renderer(Template(subject: "  Saldo\n{{ if true }}\nfor {{ name }}\n{{ end }}  ", body: "x"));

        renderer.Render(Data(("name", "Ida"))).Subject.Should().Be("Saldo for Ida");
    }

    [Fact]
    public void Data_of_another_type_is_rejected_naming_the_key_and_type_but_not_the_value()
    {
        var renderer = Renderer(Template("{{ borrower }}"));

        var render = () => renderer.Render(Data(("borrower", new Uri("https://example.org/010203-1234"))));

        render.Should().Throw<TemplateRenderException>()
            .WithMessage("Template for type 'BalanceStatement', protocol 'Email', culture 'da': the template data 'borrower' has type System.Uri, which templates cannot use*")
            .Which.Message.Should().NotContain("010203");
    }

    [Fact]
    public void Nested_data_of_another_type_is_rejected_naming_its_path()
    {
        var renderer = Renderer(Template("{{ borrower }}"));

        var render = () => renderer.Render(Data(("borrower", new Dictionary<string, object?> { ["loans"] = new object[] { "ok", new Version(1, 0) } })));

        render.Should().Throw<TemplateRenderException>().WithMessage("*'borrower.loans[1]' has type System.Version*");
    }

    [Fact]
    public void A_render_error_message_never_holds_template_data()
    {
        var renderer = Renderer(Template("{{ cpr }} {{ cpr() }}"));

        var render = () => renderer.Render(Data(("cpr", "010203-1234")));

        render.Should().Throw<TemplateRenderException>()
            .WithMessage("*line 1, column 14*")
            .Which.Message.Should().NotContain("010203-1234");
    }
}
