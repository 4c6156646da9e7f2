using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Cicero.Notifications.Templates;

/// <summary>
/// The sandbox every template of the library renders in (<see cref="Confine"/>), and the builtin functions templates may
/// use: Scriban's defaults without anything that evaluates a string as a template or loads one (<c>object.eval</c>,
/// <c>object.eval_template</c>, <c>include</c>, <c>include_join</c>) and without the system clock (<c>date.now</c>,
/// <c>date.utc_now</c>: time is passed in as data).
/// </summary>
/// <remarks>
/// The builtins are built once and shared by every context. Every object in it is read-only, so a template cannot change a builtin
/// (<c>string.x = 1</c> or <c>date.format = '%Y'</c> fail) and nothing a render does survives into the next one.
/// </remarks>
internal static class SandboxBuiltins
{
    private static readonly string[] RemovedTopLevel = ["include", "include_join"];
    private static readonly string[] RemovedFromObject = ["eval", "eval_template"];
    private static readonly string[] RemovedFromDate = ["now", "utc_now"];

    /// <summary>Gets the shared, read-only builtin object.</summary>
    public static ScriptObject Instance { get; } = Create();

    /// <summary>
    /// Confines a context created with <see cref="Instance"/> to the sandbox every template of the library renders in: no
    /// template loader, strict variables, no .NET members and no relaxed access (a missing member is an error naming it),
    /// and the given limits, each of which stops the render with an exception when passed.
    /// </summary>
    /// <param name="context">The context, before its first render.</param>
    /// <param name="loopLimit">The most iterations of one loop.</param>
    /// <param name="recursiveLimit">The deepest nesting of calls.</param>
    /// <param name="maxStringChars">The longest string a value may become.</param>
    /// <param name="maxOutputChars">The longest output of one render.</param>
    /// <param name="regexTimeout">The longest one regular expression of a <c>regex</c> function may run.</param>
    public static void Confine(TemplateContext context, int loopLimit, int recursiveLimit, int maxStringChars, int maxOutputChars, TimeSpan regexTimeout)
    {
        context.TemplateLoader = null;
        context.StrictVariables = true;
        context.EnableRelaxedMemberAccess = false;
        context.EnableRelaxedTargetAccess = false;
        context.EnableRelaxedFunctionAccess = false;
        context.MemberFilter = static _ => false;
        context.TryGetMember = MemberNotFound;
        context.LoopLimit = loopLimit;
        context.LoopLimitQueryable = loopLimit;
        context.RecursiveLimit = recursiveLimit;
        context.LimitToString = maxStringChars;
        context.OnStringLimit = ScriptLimitBehavior.Throw;
        context.OutputLimit = maxOutputChars;
        context.OnOutputLimit = ScriptLimitBehavior.Throw;
        context.RegexTimeOut = regexTimeout;
        context.NewLine = "\n";
    }

    private static bool MemberNotFound(TemplateContext context, SourceSpan span, object target, string member, out object value)
        => throw new ScriptRuntimeException(span, $"The member `{member}` was not found.");

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
