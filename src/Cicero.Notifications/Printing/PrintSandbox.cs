using System.Globalization;
using Scriban;
using Scriban.Runtime;

namespace Cicero.Notifications.Printing;

/// <summary>
/// Renders a print layout sandboxed: strict variables, no member access beyond the model, no <c>include</c>, no
/// <c>object.eval</c>/<c>eval_template</c>, no clock (<c>date.now</c>/<c>utc_now</c>), no randomness, and limits on
/// loops, recursion and output.
/// </summary>
internal static class PrintSandbox
{
    private static readonly string[] RemovedTopLevel = ["include", "include_join"];
    private static readonly string[] RemovedFromObject = ["eval", "eval_template"];
    private static readonly string[] RemovedFromDate = ["now", "utc_now"];
    private static readonly string[] RemovedFromMath = ["random"];

    /// <summary>Renders the layout with the model.</summary>
    /// <exception cref="Scriban.Syntax.ScriptRuntimeException">The layout failed (a missing variable, a limit).</exception>
    public static string Render(Template template, PrintFormat format, ScriptObject model, CultureInfo culture)
    {
        var context = format == PrintFormat.Html ? new HtmlEncodingTemplateContext() : new TemplateContext();
        Restrict(context.BuiltinObject);
        context.StrictVariables = true;
        context.EnableRelaxedMemberAccess = false;
        context.EnableRelaxedFunctionAccess = false;
        context.TemplateLoader = null;
        context.LoopLimit = 1000;
        context.RecursiveLimit = 20;
        context.ObjectRecursionLimit = 20;
        context.LimitToString = 200_000;
        context.OutputLimit = 1_000_000;
        context.NewLine = "\n";
        context.PushCulture(culture);
        context.PushGlobal(model);
        return template.Render(context);
    }

    private static void Restrict(ScriptObject builtins)
    {
        Remove(builtins, RemovedTopLevel);
        Remove(Child(builtins, "object"), RemovedFromObject);
        Remove(Child(builtins, "date"), RemovedFromDate);
        Remove(Child(builtins, "math"), RemovedFromMath);
    }

    private static ScriptObject Child(ScriptObject builtins, string name)
        => builtins[name] as ScriptObject
            ?? throw new InvalidOperationException($"The Scriban builtin object '{name}' was expected but not found: check the print sandbox after a Scriban upgrade.");

    private static void Remove(ScriptObject target, string[] names)
    {
        foreach (var name in names)
        {
            if (!target.Remove(name))
            {
                throw new InvalidOperationException($"The Scriban builtin '{name}' was expected but not found: check the print sandbox after a Scriban upgrade.");
            }
        }
    }
}
