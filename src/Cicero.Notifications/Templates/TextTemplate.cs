using System.Runtime.CompilerServices;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Cicero.Notifications.Templates;

/// <summary>
/// A template that is only text and plain variables (<c>Hej {{ borrower_name }}</c>), the shape of most notification
/// templates, rendered without Scriban's interpreter: its text pieces joined with the model's values, written exactly as
/// Scriban writes them. Built once per parsed template; <see langword="null"/> for any other template.
/// </summary>
/// <remarks>
/// <para>
/// Whenever the result could differ from the interpreter's in any way, <see cref="TryRender"/> declines and the
/// interpreter renders the template instead, so output and errors stay exactly Scriban's: a variable the model does not
/// have (the strict-variables error), a value that is not a string, number, boolean, date or time, a value or output at
/// the sandbox's string or output limit. A template with a <c>{{</c> that starts an indented line is always interpreted
/// (Scriban indents every line written inside it).
/// A test renders thousands of generated templates both ways and compares them.
/// </para>
/// <para>Thread-safe: immutable after construction.</para>
/// </remarks>
internal sealed class TextTemplate
{
    private const int MaxVariables = 16;

    // Names Scriban may resolve specially, whatever the model holds: such templates are left to the interpreter.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "empty", "this", "null", "true", "false", "blank" };

    private readonly string[] _texts;
    private readonly string[] _names;
    private readonly int _textLength;

    private TextTemplate(string[] texts, string[] names)
    {
        _texts = texts;
        _names = names;
        foreach (var text in texts)
        {
            _textLength += text.Length;
        }
    }

    /// <summary>Gets the template as text and plain variables, or <see langword="null"/> when it is anything more.</summary>
    /// <param name="template">The parsed template.</param>
    /// <returns>The text template, or <see langword="null"/>.</returns>
    public static TextTemplate? TryCreate(Template template)
    {
        if (template.HasErrors || template.Page is not { FrontMatter: null, Body: { } body })
        {
            return null;
        }

        // texts[i] comes before names[i]; the last text after the last name.
        var texts = new List<string>();
        var names = new List<string>();
        var text = new StringBuilder();
        foreach (var statement in body.Statements)
        {
            switch (statement)
            {
                case ScriptRawStatement raw:
                    text.Append(raw.Text.ToString());
                    break;
                case ScriptEscapeStatement { IsEntering: true, Indent.Length: > 0 }:
                    // A {{ that starts an indented line: Scriban indents every line written inside it.
                    return null;
                case ScriptEscapeStatement:
                    break;
                case ScriptExpressionStatement { Expression: ScriptVariableGlobal variable } when variable.GetType() == typeof(ScriptVariableGlobal)
                    && !Reserved.Contains(variable.Name) && names.Count < MaxVariables:
                    texts.Add(text.ToString());
                    text.Clear();
                    names.Add(variable.Name);
                    break;
                default:
                    return null;
            }
        }

        texts.Add(text.ToString());
        return new TextTemplate([.. texts], [.. names]);
    }

    /// <summary>Renders the template as the interpreter would, or declines.</summary>
    /// <param name="model">The render's global values.</param>
    /// <param name="html">Whether values are HTML-encoded (an HTML body).</param>
    /// <param name="stringLimit">The interpreter's string limit (<see cref="TemplateContext.LimitToString"/>); 0 for none.</param>
    /// <param name="outputLimit">The interpreter's output limit; 0 for none.</param>
    /// <param name="formatter">
    /// The context, begun with <paramref name="model"/> and the render's culture, that formats values other than strings;
    /// <see langword="null"/> to decline those.
    /// </param>
    /// <param name="result">The rendered text.</param>
    /// <returns><see langword="false"/> when the interpreter must render the template instead.</returns>
    public bool TryRender(RenderModel model, bool html, int stringLimit, int outputLimit, SandboxTemplateContext? formatter, out string result)
    {
        result = "";
        var values = default(Values);
        var length = _textLength;
        for (var i = 0; i < _names.Length; i++)
        {
            if (!model.TryGetValue(_names[i], out var value))
            {
                return false;
            }

            string? written;
            switch (value)
            {
                case null:
                    written = null;
                    break;
                case string text:
                    written = html ? HtmlText.Encode(text) : text;
                    break;
                case bool or int or long or decimal or double or DateTime or TimeSpan when formatter is not null && stringLimit is <= 0 or >= 256:
                    var formatted = formatter.ObjectToString(value);
                    written = html ? HtmlText.Encode(formatted) : formatted;
                    break;
                default:
                    return false;
            }

            // Scriban refuses a string at its string limit.
            if (written is not null && stringLimit > 0 && written.Length >= stringLimit)
            {
                return false;
            }

            length += written?.Length ?? 0;
            values[i] = written;
        }

        if (outputLimit > 0 && length > outputLimit)
        {
            return false;
        }

        result = string.Create(length, (this, values), static (span, state) =>
        {
            var (template, values) = state;
            var at = 0;
            for (var i = 0; i < template._names.Length; i++)
            {
                template._texts[i].CopyTo(span[at..]);
                at += template._texts[i].Length;
                if (values[i] is { } value)
                {
                    value.CopyTo(span[at..]);
                    at += value.Length;
                }
            }

            template._texts[^1].CopyTo(span[at..]);
        });
        return true;
    }

    /// <summary>The written values of one render, on the stack.</summary>
    [InlineArray(MaxVariables)]
    private struct Values
    {
        private string? _value;
    }
}
