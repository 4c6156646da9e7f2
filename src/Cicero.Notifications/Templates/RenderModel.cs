using Scriban.Runtime;

namespace Cicero.Notifications.Templates;

/// <summary>
/// The values a notification's templates are rendered with: its template data and <c>library_name</c>. Flat data of
/// strings (the common case) is read straight from the notification's dictionary by text templates
/// (<see cref="TextTemplate"/>); the frozen Scriban model the interpreter needs (<see cref="TemplateModel.CreateFrozen"/>)
/// is built on first use, once per notification — for such data it holds the same values, so either way reads the same.
/// </summary>
/// <remarks>Not thread-safe for the first use of <see cref="ScriptObject"/>; a notification's renders are sequential.</remarks>
internal sealed class RenderModel
{
    private readonly Dictionary<string, object?>? _flat;
    private readonly string _libraryName;
    private readonly TemplateSandboxLimits _limits;
    private readonly Func<string>? _describe;
    private ScriptObject? _scriptObject;

    private RenderModel(Dictionary<string, object?> flat, string libraryName, TemplateSandboxLimits limits, Func<string> describe)
    {
        _flat = flat;
        _libraryName = libraryName;
        _limits = limits;
        _describe = describe;
    }

    private RenderModel(ScriptObject scriptObject)
    {
        _scriptObject = scriptObject;
        _libraryName = "";
        _limits = TemplateSandboxLimits.Default;
    }

    /// <summary>Gets the frozen Scriban model, built on first use.</summary>
    public ScriptObject ScriptObject => _scriptObject ??= TemplateModel.CreateFrozen(_flat!, _libraryName, _limits, _describe!);

    /// <summary>
    /// Creates the model: reading the data itself when it is a dictionary with ordinal keys whose values are all strings
    /// or <see langword="null"/> (which the projection keeps as they are and cannot refuse), else the frozen model at once,
    /// so data the projection refuses fails here as before.
    /// </summary>
    /// <param name="data">The template data.</param>
    /// <param name="libraryName">The library's name, <c>library_name</c> unless the data has one.</param>
    /// <param name="limits">The data limits.</param>
    /// <param name="describe">Names the template, for error messages.</param>
    /// <returns>The model.</returns>
    /// <exception cref="TemplateRenderException">A value has a type templates cannot use, or the data is too deep or too large.</exception>
    public static RenderModel Create(IReadOnlyDictionary<string, object?> data, string libraryName, TemplateSandboxLimits limits, Func<string> describe)
        => data is Dictionary<string, object?> flat && IsFlatStrings(flat, limits)
            ? new RenderModel(flat, libraryName, limits, describe)
            : new RenderModel(TemplateModel.CreateFrozen(data, libraryName, limits, describe));

    /// <summary>Wraps a Scriban model built elsewhere.</summary>
    /// <param name="scriptObject">The model.</param>
    /// <returns>The render model.</returns>
    public static RenderModel For(ScriptObject scriptObject) => new(scriptObject);

    /// <summary>Looks a global variable up as the interpreter would find it in <see cref="ScriptObject"/>.</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>Whether the model has the variable.</returns>
    public bool TryGetValue(string name, out object? value)
    {
        if (_flat is null)
        {
            return ScriptObject.TryGetValue(name, out value);
        }

        if (_flat.TryGetValue(name, out value))
        {
            return true;
        }

        if (string.Equals(name, TemplateModel.LibraryNameVariable, StringComparison.Ordinal))
        {
            value = _libraryName;
            return true;
        }

        return false;
    }

    private static bool IsFlatStrings(Dictionary<string, object?> data, TemplateSandboxLimits limits)
    {
        // The Scriban model's keys compare ordinally; a dictionary comparing otherwise would find other keys.
        if ((data.Comparer != EqualityComparer<string>.Default && !ReferenceEquals(data.Comparer, StringComparer.Ordinal))
            || data.Count + 1 > limits.MaxDataValues || limits.MaxDataDepth < 1)
        {
            return false;
        }

        foreach (var (_, value) in data)
        {
            if (value is not (null or string))
            {
                return false;
            }
        }

        return true;
    }
}
