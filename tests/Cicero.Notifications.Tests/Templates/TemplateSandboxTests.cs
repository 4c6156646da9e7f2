using System.Diagnostics;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;
using static Cicero.Notifications.Tests.Templates.TemplateTestKit;

namespace Cicero.Notifications.Tests.Templates;

public sealed class TemplateSandboxTests
{
    [Theory]
    [InlineData("{{ object.eval '1 + 1' }}", "`eval` was not found")]
    [InlineData("{{ object.eval_template '{{ 1 + 1 }}' }}", "`eval_template` was not found")]
    [InlineData("{{ include 'other' }}", "`include` was not found")]
    [InlineData("{{ include_join ['a', 'b'] }}", "`include_join` was not found")]
    [InlineData("{{ date.now }}", "`now` was not found")]
    public void Functions_that_evaluate_strings_load_templates_or_read_the_clock_are_unavailable(string body, string error)
    {
        var renderer = Renderer(Template(body));

        var render = () => renderer.Render(Data());

        render.Should().Throw<TemplateRenderException>().WithMessage($"*{error}*");
    }

    [Theory]
    [InlineData("{{ string.leak = 'x' }}")]
    [InlineData("{{ date.format = '%Y' }}")]
    [InlineData("{{ with object; leak = 1; end }}")]
    public void A_template_cannot_change_the_shared_builtins(string body)
    {
        var renderer = Renderer(Template(body), Template("{{ day }}", culture: "en"));

        var change = () => renderer.Render(Data());

        change.Should().Throw<TemplateRenderException>().WithMessage("*readonly*");
        renderer.Render(Data(("day", new DateOnly(2025, 3, 12))), culture: "en").Body.Should().Be("12 March 2025");
    }

    [Fact]
    public void A_variable_set_by_one_render_is_gone_in_the_next()
    {
        var renderer = Renderer(Template("{{ kept = title }}{{ title }}"), Template("{{ kept }}", culture: "en"));
        renderer.Render(Data(("title", "Kongens Fald")));

        var next = () => renderer.Render(Data(), culture: "en");

        next.Should().Throw<TemplateRenderException>().WithMessage("*`kept`*");
    }

    [Fact]
    public void A_loop_over_a_huge_range_is_stopped_by_the_loop_limit()
    {
        var renderer = Renderer(Template("{{ for i in 1..100000 }}{{ end }}"));

        var render = () => renderer.Render(Data());

        render.Should().Throw<TemplateRenderException>().WithMessage("*LoopLimit `1000`*");
    }

    [Fact]
    public void While_true_is_stopped()
    {
        var renderer = Renderer(Template("{{ while true }}{{ end }}"));

        var render = () => renderer.Render(Data());

        render.Should().Throw<TemplateRenderException>().WithMessage("*iteration limit `1000`*");
    }

    [Fact]
    public void Nested_loops_share_one_loop_limit()
    {
        var renderer = Renderer(Template("{{ for i in 1..999; for j in 1..999; x = j; end; end }}"));

        var render = () => renderer.Render(Data());

        render.Should().Throw<TemplateRenderException>().WithMessage("*limit `1000`*");
    }

    [Fact]
    public void Deep_recursion_is_stopped_by_the_recursion_limit()
    {
        var renderer = Renderer(Template("{{ func down(n); ret down(n + 1); end; down(0) }}"));

        var render = () => renderer.Render(Data());

        render.Should().Throw<TemplateRenderException>().WithMessage("*recursive depth limit `20`*");
    }

    [Fact]
    public void Work_that_no_limit_catches_is_stopped_by_the_timeout()
    {
        var renderer = Renderer(
            TemplateSandboxLimits.Default with { Timeout = TimeSpan.FromMilliseconds(200) },
            Template("{{ func f(n); if n > 0; f(n - 1); f(n - 1); f(n - 1); end; end; f(18) }}"),
            Template("{{ title }}", culture: "en"));

        var render = () => renderer.Render(Data());

        render.Should().Throw<TemplateRenderException>().WithMessage("*took longer than 200 ms and was stopped.");
        renderer.Render(Data(("title", "Bog B")), culture: "en").Body.Should().Be("Bog B");
    }

    [Fact]
    public void Slow_calls_in_a_loop_are_stopped_close_to_the_timeout()
    {
        // Each regex call takes several milliseconds (its own limit is lifted here, so only the render's timeout can stop
        // it): the clock is checked before every call, so the render stops within about one call of its 300 ms, not a
        // hundred calls later.
        var renderer = Renderer(
            TemplateSandboxLimits.Default with { Timeout = TimeSpan.FromMilliseconds(300), RegexTimeout = TimeSpan.FromSeconds(30) },
            Template("{{ for i in 1..1000; text | regex.match '^(a+)+$'; end }}"));
        var watch = Stopwatch.StartNew();

        var render = () => renderer.Render(Data(("text", new string('a', 18) + "!")));

        render.Should().Throw<TemplateRenderException>().WithMessage("*took longer than 300 ms and was stopped.");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1.5), "a limit is enforced within a small margin, not after hundreds of slow calls");
    }

    [Fact]
    public void A_render_error_keeps_its_position_and_the_names_the_template_wrote_but_no_value_computed_from_the_data()
    {
        var renderer = Renderer(Template("Hej\n{{ borrower[cpr | string.replace '07' '7'] }}"));

        var render = () => renderer.Render(Data(("cpr", "0707614285"), ("borrower", new Dictionary<string, object?> { ["name"] = "Hans" })));

        render.Should().Throw<TemplateRenderException>()
            .Which.Message.Should().StartWith("Template for type 'BalanceStatement', protocol 'Email', culture 'da': the body failed at line 2, column ")
            .And.Contain("`***`").And.NotContainAny("77614285", "0707614285", "Hans");
    }

    [Fact]
    public void A_name_the_template_wrote_stays_in_the_error()
    {
        var renderer = Renderer(Template("{{ titel }}"));

        var render = () => renderer.Render(Data(("title", "Kongens Fald")));

        render.Should().Throw<TemplateRenderException>().WithMessage("*line 1, column 4*`titel`*");
    }

    [Fact]
    public void Huge_output_is_stopped_by_the_output_limit()
    {
        var renderer = Renderer(Template("{{ for i in 1..900 }}{{ chunk }}{{ end }}"));

        var render = () => renderer.Render(Data(("chunk", new string('x', 100))));

        render.Should().Throw<TemplateRenderException>().WithMessage("*OutputLimit `65536`*");
    }

    [Theory]
    [InlineData("{{ 'A' * 100000000 }}")]
    [InlineData("{{ 'A' | string.pad_left 100000000 }}")]
    public void Huge_strings_are_stopped(string body)
    {
        var renderer = Renderer(Template(body));

        var render = () => renderer.Render(Data());

        render.Should().Throw<TemplateRenderException>().WithMessage("*65536*");
    }

    [Fact]
    public void A_catastrophic_regular_expression_is_stopped()
    {
        var renderer = Renderer(Template("{{ text | regex.match '^(a+)+$' }}"));

        var render = () => renderer.Render(Data(("text", new string('a', 40) + "!")));

        render.Should().Throw<TemplateRenderException>();
    }

    [Theory]
    [InlineData("{{ day.ticks }}")]
    [InlineData("{{ day.year }}")]
    [InlineData("{{ borrower.missing }}")]
    [InlineData("{{ nothing.name }}")]
    public void Dotnet_members_and_missing_members_are_not_reachable(string body)
    {
        var renderer = Renderer(Template(body));

        var render = () => renderer.Render(Data(("day", new DateTime(2025, 3, 12)), ("borrower", new Dictionary<string, object?>()), ("nothing", null)));

        render.Should().Throw<TemplateRenderException>();
    }

    [Fact]
    public void Data_that_contains_itself_is_rejected_instead_of_overflowing_the_stack()
    {
        var renderer = Renderer(Template("{{ a }}"));
        var cyclic = new Dictionary<string, object?>();
        cyclic["self"] = cyclic;

        var render = () => renderer.Render(Data(("a", cyclic)));

        render.Should().Throw<TemplateRenderException>().WithMessage("*'a.self.self*' is nested more than 16 levels deep.");
    }

    [Fact]
    public void Endless_data_is_rejected()
    {
        var renderer = Renderer(Template("{{ a }}"));

        var render = () => renderer.Render(Data(("a", Enumerable.Repeat(1, int.MaxValue))));

        render.Should().Throw<TemplateRenderException>().WithMessage("*more than 10000 values.");
    }

    [Fact]
    public void A_variable_from_one_render_is_not_seen_by_the_next()
    {
        var renderer = Renderer(Template("{{ title }}"));
        renderer.Render(Data(("title", "Bog A"))).Body.Should().Be("Bog A");

        var render = () => renderer.Render(Data());

        render.Should().Throw<TemplateRenderException>().WithMessage("*`title` was not found*");
    }

    [Fact]
    public void A_variable_assigned_by_a_template_is_not_seen_by_the_next_render()
    {
        var renderer = Renderer(Template("{{ if set; leaked = 'hemmelig'; end }}{{ leaked }}"));
        renderer.Render(Data(("set", true))).Body.Should().Be("hemmelig");

        var render = () => renderer.Render(Data(("set", false)));

        render.Should().Throw<TemplateRenderException>().WithMessage("*`leaked` was not found*");
    }

    [Fact]
    public void A_failed_render_leaves_nothing_in_the_next_one()
    {
        var renderer = Renderer(Template("start {{ title }}{{ if fail }} {{ missing }}{{ end }}"));
        var fail = () => renderer.Render(Data(("title", "Bog A"), ("fail", true)));
        fail.Should().Throw<TemplateRenderException>();

        var body = renderer.Render(Data(("title", "Bog B"), ("fail", false))).Body;

        body.Should().Be("start Bog B");
    }

    [Fact]
    public void Concurrent_renders_never_mix_their_data_or_output()
    {
        var renderer = Renderer(Template(
            subject: "{{ title }}",
            body: "{{ title }}:{{ for item in items }} {{ item }}{{ end }}",
            html: "<b>{{ title }}</b>"));
        const int threads = 8;
        const int rendersPerThread = 500;
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < rendersPerThread; i++)
            {
                var title = $"T{t}-{i}";
                var items = Enumerable.Range(0, (i % 5) + 1).Select(n => $"{title}.{n}").ToList();
                if (i % 7 == 0)
                {
                    try
                    {
                        renderer.Render(Data(("items", items)));
                        mismatches.Add($"{title}: rendered without a title");
                    }
                    catch (TemplateRenderException)
                    {
                    }

                    continue;
                }

                var rendered = renderer.Render(Data(("title", title), ("items", items)));
                var expected = new RenderedTemplate(title, $"{title}: {string.Join(' ', items)}", $"<b>{title}</b>");
                if (rendered != expected)
                {
                    mismatches.Add($"{title}: {rendered}");
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        mismatches.Should().BeEmpty();
    }
}
