using Cicero.Notifications.Templates;
using CsCheck;
using Scriban.Runtime;

namespace Cicero.Notifications.Tests.Templates;

/// <summary>A notification's render model reads flat string data directly, finding exactly what the Scriban model holds.</summary>
public sealed class RenderModelTests
{
    private const string Library = "Testrup Bibliotek";

    [Fact]
    public void Flat_string_data_finds_what_the_scriban_model_finds()
    {
        // Keys that collide with library_name, differ only in case, or are missing; values that are null or strings.
        var key = Gen.OneOf(Gen.Const("library_name"), Gen.Const("title"), Gen.Const("Title"), Gen.String[Gen.Char['a', 'c'], 1, 3]);
        var value = Gen.Frequency((4, Gen.String.Select(s => (object?)s)), (1, Gen.Const(0).Select(_ => (object?)null)));
        var data = Gen.Dictionary(key, value)[0, 6];

        data.Sample(d =>
        {
            var map = new Dictionary<string, object?>(d);
            var model = RenderModel.Create(map, Library, TemplateSandboxLimits.Default, () => "test");
            var frozen = TemplateModel.CreateFrozen(map, Library, TemplateSandboxLimits.Default, () => "test");
            foreach (var name in map.Keys.Concat(["library_name", "title", "Title", "missing"]))
            {
                var found = model.TryGetValue(name, out var actual);
                (found, actual).Should().Be((frozen.TryGetValue(name, out var expected), expected), "variable {0}", name);
            }
        }, iter: 1_000);
    }

    [Fact]
    public void Its_scriban_model_holds_the_same_values()
    {
        var model = RenderModel.Create(new Dictionary<string, object?> { ["title"] = "Kongens Fald", ["note"] = null }, Library, TemplateSandboxLimits.Default, () => "test");

        model.ScriptObject.Should().BeEquivalentTo(new Dictionary<string, object?> { ["library_name"] = Library, ["title"] = "Kongens Fald", ["note"] = null });
        model.ScriptObject.IsReadOnly.Should().BeTrue();
    }

    [Fact]
    public void A_dictionary_that_ignores_case_is_read_as_the_interpreter_reads_it()
    {
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Title"] = "Kongens Fald" };

        var model = RenderModel.Create(data, Library, TemplateSandboxLimits.Default, () => "test");

        model.TryGetValue("title", out _).Should().BeFalse("the Scriban model's names compare ordinally");
        model.TryGetValue("Title", out var title).Should().BeTrue();
        title.Should().Be("Kongens Fald");
    }

    [Fact]
    public void Data_the_projection_refuses_fails_when_the_model_is_made()
    {
        var deep = new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = "c" } };

        var act = () => RenderModel.Create(deep, Library, new TemplateSandboxLimits { MaxDataDepth = 1 }, () => "The template data");

        act.Should().Throw<TemplateRenderException>().WithMessage("The template data: the template data 'a.b' is nested more than 1 levels deep.");
    }
}
