namespace Cicero.Notifications.TestSupport;

/// <summary>
/// A C# snippet of README.md that a test project compiles: README marks it with <c>&lt;!-- name --&gt;</c> before its
/// <c>```csharp</c> block and <c>&lt;!-- /name --&gt;</c> after it, and a test checks it is the same text as the compiled file.
/// </summary>
public static class ReadmeSnippet
{
    /// <summary>Returns the code of the first <c>```csharp</c> block between the two markers, normalized.</summary>
    public static string Code(string name)
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var start = readme.IndexOf($"<!-- {name} -->", StringComparison.Ordinal);
        var end = readme.IndexOf($"<!-- /{name} -->", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"README.md marks the snippet with <!-- {name} -->");
        end.Should().BeGreaterThan(start, $"README.md ends the snippet with <!-- /{name} -->");

        var lines = readme[start..end].Split('\n').SkipWhile(l => !l.StartsWith("```csharp", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal));
        return Normalize(string.Join('\n', lines));
    }

    /// <summary>Returns a compiled file's code, normalized like <see cref="Code"/>.</summary>
    public static string CompiledFile(params string[] segments) => Normalize(File.ReadAllText(Repository.PathOf(segments)));

    /// <summary>Ignores line endings, trailing white space and leading or trailing blank lines.</summary>
    private static string Normalize(string code)
        => string.Join('\n', code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();
}
