using System.Globalization;
using Cicero.Notifications.Templates;
using CsCheck;
using Scriban.Runtime;
using ScribanTemplate = Scriban.Template;
using static Cicero.Notifications.Tests.Templates.TemplateTestKit;

namespace Cicero.Notifications.Tests.Templates;

/// <summary>Templates of only text and plain variables are rendered without the interpreter, exactly as it would.</summary>
public sealed class TextTemplateTests
{
    private static readonly string[] Names = ["a", "b", "title", "library_name", "missing"];

    [Theory]
    [InlineData("Hej {{ a }}, din bog {{ title }} er klar.")]
    [InlineData("Kun tekst")]
    [InlineData("{{ a }}{{ b }}")]
    [InlineData("Hej {{- a -}} !\n{{~ b ~}}\n")]
    [InlineData("Hej {{ a }}\n{{ b }}")]
    public void Text_and_plain_variables_make_a_text_template(string source)
        => TextTemplate.TryCreate(ScribanTemplate.Parse(source)).Should().NotBeNull();

    [Theory]
    [InlineData("{{ a | string.upcase }}")]
    [InlineData("{{ if a }}ja{{ end }}")]
    [InlineData("{{ a.b }}")]
    [InlineData("{{ a[0] }}")]
    [InlineData("{{ 'tekst' }}")]
    [InlineData("{{ x = 1 }}")]
    [InlineData("{{ date.now }}")]
    [InlineData("{{ empty }}")]
    [InlineData("{{ this }}")]
    [InlineData("Hej\n  {{ a }}")]
    [InlineData("{{ a }")]
    public void Anything_more_is_left_to_the_interpreter(string source)
        => TextTemplate.TryCreate(ScribanTemplate.Parse(source)).Should().BeNull();

    [Fact]
    public void A_text_template_writes_the_text_and_the_values()
    {
        var text = TextTemplate.TryCreate(ScribanTemplate.Parse("Hej {{ a }}, {{ b }} & {{ n }}."))!;
        var context = Begin(("a", "Ida <Jensen>"), ("b", null), ("n", 3));

        text.TryRender(context.Model, html: false, context.Context.LimitToString, context.Context.OutputLimit ?? 0, context.Context, out var plain).Should().BeTrue();
        text.TryRender(context.Model, html: true, context.Context.LimitToString, context.Context.OutputLimit ?? 0, context.Context, out var html).Should().BeTrue();

        plain.Should().Be("Hej Ida <Jensen>,  & 3.");
        html.Should().Be("Hej Ida &lt;Jensen&gt;,  & 3.");
    }

    [Fact]
    public void Without_a_context_only_strings_are_written()
    {
        var text = TextTemplate.TryCreate(ScribanTemplate.Parse("{{ a }} {{ n }}"))!;
        var strings = Begin(("a", "Ida"), ("n", "3"));
        var number = Begin(("a", "Ida"), ("n", 3));

        text.TryRender(strings.Model, html: false, 0, 0, formatter: null, out var rendered).Should().BeTrue();
        rendered.Should().Be("Ida 3");
        text.TryRender(number.Model, html: false, 0, 0, formatter: null, out _).Should().BeFalse();
    }

    [Fact]
    public void A_missing_variable_is_left_to_the_interpreter_for_its_error()
    {
        var text = TextTemplate.TryCreate(ScribanTemplate.Parse("Hej {{ missing }}"))!;
        var context = Begin(("a", "Ida"));

        text.TryRender(context.Model, html: false, context.Context.LimitToString, context.Context.OutputLimit ?? 0, context.Context, out _).Should().BeFalse();
    }

    [Fact]
    public void A_nested_value_is_left_to_the_interpreter()
    {
        var text = TextTemplate.TryCreate(ScribanTemplate.Parse("{{ a }}"))!;
        var context = Begin(("a", new Dictionary<string, object?> { ["b"] = "c" }));

        text.TryRender(context.Model, html: false, context.Context.LimitToString, context.Context.OutputLimit ?? 0, context.Context, out _).Should().BeFalse();
    }

    [Fact]
    public void A_value_or_output_at_the_sandbox_limits_is_left_to_the_interpreter()
    {
        var text = TextTemplate.TryCreate(ScribanTemplate.Parse("{{ a }}{{ b }}"))!;
        var limits = new TemplateSandboxLimits { MaxStringChars = 10, MaxOutputChars = 12 };

        var atStringLimit = Begin(limits, ("a", new string('x', 10)), ("b", ""));
        var overOutputLimit = Begin(limits, ("a", new string('x', 9)), ("b", "yyyy"));
        var withinBoth = Begin(limits, ("a", new string('x', 9)), ("b", "yyy"));

        text.TryRender(atStringLimit.Model, html: false, atStringLimit.Context.LimitToString, atStringLimit.Context.OutputLimit ?? 0, atStringLimit.Context, out _).Should().BeFalse();
        text.TryRender(overOutputLimit.Model, html: false, overOutputLimit.Context.LimitToString, overOutputLimit.Context.OutputLimit ?? 0, overOutputLimit.Context, out _).Should().BeFalse();
        text.TryRender(withinBoth.Model, html: false, withinBoth.Context.LimitToString, withinBoth.Context.OutputLimit ?? 0, withinBoth.Context, out var rendered).Should().BeTrue();
        rendered.Should().Be("xxxxxxxxxyyy");
    }

    [Fact]
    public void Generated_templates_render_exactly_as_the_interpreter_renders_them()
    {
        // Text (Danish letters, HTML-sensitive characters, line breaks, indentation), plain variables with every
        // whitespace control, now and then something only the interpreter can do; values of every kind the model
        // holds, missing ones and ones at the limits; plain and HTML parts, two cultures, default and small limits.
        var chars = Gen.Frequency(
            (8, Gen.Char['a', 'z']),
            (2, Gen.Char[" \n\r\t"]),
            (2, Gen.Char["\"&'<>æøåÆØÅé€.,:!"]));
        var text = Gen.String[chars, 0, 12];
        var open = Pick("{{ ", "{{", "{{- ", "{{~ ");
        var close = Pick(" }}", "}}", " -}}", " ~}}");
        var variable = Gen.Select(open, Pick(Names), close, (o, n, c) => o + n + c);
        var other = Pick("{{ a | string.upcase }}", "{{ if b }}ja{{ end }}", "{{ 'x' }}", "\n  {{ a }}");
        var piece = Gen.Frequency((4, text), (4, variable), (1, other));
        var source = piece.Array[1, 7].Select(pieces => string.Concat(pieces)).Where(s => !string.IsNullOrWhiteSpace(s));
        var value = Gen.OneOf<object?>(
            text.Select(t => (object?)t),
            Gen.String[chars, 0, 40].Select(t => (object?)t),
            Gen.Int.Select(i => (object?)i),
            Gen.Long.Select(l => (object?)l),
            Gen.Double[-1e6, 1e6].Select(d => (object?)d),
            Gen.Decimal.Select(d => (object?)d),
            Gen.Bool.Select(b => (object?)b),
            Gen.Const(0).Select(_ => (object?)null),
            Gen.DateTime.Select(d => (object?)d),
            Gen.Int[0, 100_000].Select(s => (object?)TimeSpan.FromSeconds(s)),
            Gen.Const(0).Select(_ => (object?)new Dictionary<string, object?> { ["x"] = 1 }),
            Gen.Const(0).Select(_ => (object?)new[] { "x", "y" }));
        var data = Gen.Select(value, value, value, value, (a, b, title, name) => new Dictionary<string, object?>
        {
            ["a"] = a,
            ["b"] = b,
            ["title"] = title,
            ["library_name"] = name,
        });
        var limits = Pick(TemplateSandboxLimits.Default, new TemplateSandboxLimits { MaxStringChars = 30, MaxOutputChars = 60 });

        var optional = Gen.Frequency((3, source.Select(s => (string?)s)), (1, Gen.Const(0).Select(_ => (string?)null)));
        Gen.Select(optional, source, optional, data, Pick("da", "en"), limits).Sample((subject, body, html, values, culture, limit) =>
        {
            var template = Template(body, culture: culture, subject: subject, html: html);
            var fast = new ScribanTemplateRenderer(Options(template), [], limit);
            var interpreted = new ScribanTemplateRenderer(Options(template), [], limit) { InterpretAll = true };

            Outcome(() => fast.Render(values, culture)).Should().Be(Outcome(() => interpreted.Render(values, culture)), "template {0} / {1} / {2}", subject, body, html);
        }, iter: 3_000);
    }

    [Fact]
    public void Every_part_of_every_shipped_template_is_a_text_template()
    {
        // The common case the shortcut is for: if a shipped template stops being plain text, this says which.
        var parts = DefaultTemplates.All
            .SelectMany(t => new[] { t.Subject, t.Body, t.HtmlBody }.OfType<string>().Select(part => (Name: $"{t.Type} {t.Protocol} {t.Culture}", Part: part)))
            .ToList();

        parts.Should().HaveCountGreaterThan(20);
        parts.Where(p => TextTemplate.TryCreate(ScribanTemplate.Parse(p.Part)) is null).Select(p => p.Name).Should().BeEmpty();
    }

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static string Outcome(Func<RenderedTemplate> render)
    {
        try
        {
            var rendered = render();
            return $"ok|{rendered.Subject}|{rendered.Body}|{rendered.HtmlBody}";
        }
        catch (TemplateRenderException ex)
        {
            return "error|" + ex.Message;
        }
    }

    private static (SandboxTemplateContext Context, RenderModel Model) Begin(params (string Key, object? Value)[] values)
        => Begin(TemplateSandboxLimits.Default, values);

    private static (SandboxTemplateContext Context, RenderModel Model) Begin(TemplateSandboxLimits limits, params (string Key, object? Value)[] values)
    {
        var context = new SandboxTemplateContext(limits);
        var model = RenderModel.Create(Data(values), "Testrup Bibliotek", limits, () => "test");
        context.Begin(model, CultureInfo.GetCultureInfo("da"));
        return (context, model);
    }
}
