using Scriban;
using Scriban.Runtime;

namespace Cicero.Notifications.Templates;

/// <summary>
/// The builtin functions templates may use: Scriban's defaults without anything that evaluates a string as a
/// template or loads one (<c>object.eval</c>, <c>object.eval_template</c>, <c>include</c>, <c>include_join</c>) and
/// without the system clock (<c>date.now</c>, <c>date.utc_now</c>: time is passed in as data).
/// </summary>
/// <remarks>
/// Built once and shared by every context. Every object in it is read-only, so a template cannot change a builtin
/// (<c>string.x = 1</c> or <c>date.format = '%Y'</c> fail) and nothing a render does survives into the next one.
/// </remarks>
internal static class SandboxBuiltins
{
    private static readonly string[] RemovedTopLevel = ["include", "include_join"];
    private static readonly string[] RemovedFromObject = ["eval", "eval_template"];
    private static readonly string[] RemovedFromDate = ["now", "utc_now"];

    /// <summary>Gets the shared, read-only builtin object.</summary>
    public static ScriptObject Instance { get; } = Create();

    private static ScriptObject Create()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        Remove(builtins, RemovedTopLevel);
        Remove(Child(builtins, "object"), RemovedFromObject);
        Remove(Child(builtins, "date"), RemovedFromDate);
        MakeReadOnly(builtins, depth: 0);
        return builtins;
    }

    private static ScriptObject Child(ScriptObject builtins, string name)
        => builtins[name] as ScriptObject
            ?? throw new InvalidOperationException($"The Scriban builtin object '{name}' was expected but not found: check the sandbox after a Scriban upgrade.");

    private static void Remove(ScriptObject target, string[] names)
    {
        foreach (var name in names)
        {
            if (!target.Remove(name))
            {
                throw new InvalidOperationException($"The Scriban builtin '{name}' was expected but not found: check the sandbox after a Scriban upgrade.");
            }
        }
    }

    private static void MakeReadOnly(ScriptObject target, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        foreach (var value in target.Values)
        {
            if (value is ScriptObject child)
            {
                MakeReadOnly(child, depth + 1);
            }
        }

        target.IsReadOnly = true;
    }
}
