using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Cicero.Notifications.Templates;

/// <summary>
/// Renders notifications from Scriban templates parsed once at construction (shipped defaults &lt; options &lt;
/// template sources), in a sandbox: no eval, no include, strict variables and members, no .NET members, loop,
/// recursion, string and output limits and a timeout. Values in HTML bodies are HTML-encoded. Thread-safe.
/// </summary>
/// <remarks>
/// Contexts are pooled: the read-only builtins are shared, each render pushes a fresh model as its global scope and
/// pops it afterwards, and a context that saw an exception is thrown away rather than reused. Exception messages name
/// the template and Scriban's line and column and never hold template data.
/// </remarks>
internal sealed partial class ScribanTemplateRenderer : ITemplateRenderer
{
    private const int MaxCachedResolutions = 4096;

    private readonly TemplateCatalog _catalog;
    private readonly TemplateSandboxLimits _limits;
    private readonly string _libraryName;
    private readonly string _defaultCulture;
    private readonly int _maxSmsSegments;
    private readonly ConcurrentDictionary<TemplateKey, Resolution?> _resolutions = new();
    // Idle contexts; a context is created only when none is idle, so the pool never holds more than the most renders
    // that ran at once.
    private readonly ConcurrentQueue<SandboxTemplateContext> _pool = new();

    /// <summary>Creates the renderer from the registered options and template sources (the constructor DI uses).</summary>
    /// <param name="options">The options.</param>
    /// <param name="sources">The template sources.</param>
    /// <exception cref="TemplateSetupException">A template does not parse or names an invalid type, protocol or culture.</exception>
    public ScribanTemplateRenderer(IOptions<CiceroNotificationsOptions> options, IEnumerable<ITemplateSource> sources)
        : this(Value(options), sources)
    {
    }

    /// <summary>Creates the renderer.</summary>
    /// <param name="options">The options.</param>
    /// <param name="sources">The template sources; each is read once.</param>
    /// <param name="limits">The sandbox limits; <see langword="null"/> for the defaults.</param>
    /// <exception cref="TemplateSetupException">A template does not parse or names an invalid type, protocol or culture.</exception>
    internal ScribanTemplateRenderer(CiceroNotificationsOptions options, IEnumerable<ITemplateSource>? sources, TemplateSandboxLimits? limits = null)
        : this(options, TemplateCatalog.Build(options, sources), limits)
    {
    }

    /// <summary>Creates the renderer from a catalog already built (for example by start-up validation).</summary>
    /// <param name="options">The options.</param>
    /// <param name="catalog">The templates.</param>
    /// <param name="limits">The sandbox limits; <see langword="null"/> for the defaults.</param>
    /// <exception cref="TemplateSetupException">The catalog has failures.</exception>
    internal ScribanTemplateRenderer(CiceroNotificationsOptions options, TemplateCatalog catalog, TemplateSandboxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Failures.Count > 0)
        {
            throw new TemplateSetupException(catalog.Failures);
        }

        _catalog = catalog;
        _limits = limits ?? TemplateSandboxLimits.Default;
        _libraryName = options.LibraryName ?? "";
        _defaultCulture = options.DefaultCulture ?? "";
        _maxSmsSegments = options.MaxSmsSegments;
    }

    /// <inheritdoc/>
    public bool HasTemplate(NotificationType type, Protocol protocol, string culture)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(protocol);
        return Resolve(type, protocol, culture) is not null;
    }

    /// <inheritdoc/>
    public ScriptObject Prepare(IReadOnlyDictionary<string, object?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return TemplateModel.CreateFrozen(data, _libraryName, _limits, static () => "The template data");
    }

    /// <inheritdoc/>
    public RenderedTemplate Render(NotificationType type, Protocol protocol, string culture, IReadOnlyDictionary<string, object?> data)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(data);

        var resolution = Resolve(type, protocol, culture);
        var model = resolution is null ? null : TemplateModel.CreateFrozen(data, _libraryName, _limits, () => Describe(resolution.Template.Key));
        return Render(type, protocol, culture, resolution, model);
    }

    /// <inheritdoc/>
    public RenderedTemplate Render(NotificationType type, Protocol protocol, string culture, ScriptObject model)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(model);
        return Render(type, protocol, culture, Resolve(type, protocol, culture), model);
    }

    private RenderedTemplate Render(NotificationType type, Protocol protocol, string culture, Resolution? resolution, ScriptObject? model)
    {
        if (resolution is null || model is null)
        {
            throw new TemplateRenderException(
                $"No template for notification type '{type}' and protocol '{protocol}' in culture "
                + $"{CultureFallback.Describe(CultureFallback.Chain(culture, _defaultCulture))}.");
        }

        var template = resolution.Template;
        var context = Rent();
        var reusable = false;
        string part = "subject";
        try
        {
            context.Begin(model, resolution.Culture);
            var subject = template.Subject is null ? null : OneLine(context.Render(template.Subject, html: false));
            part = "body";
            var body = context.Render(template.Body, html: false);
            part = "html body";
            var html = template.HtmlBody is null ? null : context.Render(template.HtmlBody, html: true);
            reusable = context.TryEnd();
            return Checked(template, protocol, new RenderedTemplate(subject, body, html));
        }
        catch (ScriptAbortException)
        {
            throw new TemplateRenderException(
                $"{Describe(template.Key)}: rendering the {part} took longer than {_limits.Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms and was stopped.");
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateRenderException(
                $"{Describe(template.Key)}: the {part} failed at line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}: "
                + ValueFree(Scrub(ex.OriginalMessage, model, resolution.Culture), template.Source));
        }
        catch (OperationCanceledException)
        {
            throw new TemplateRenderException(
                $"{Describe(template.Key)}: rendering the {part} took longer than {_limits.Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms and was stopped.");
        }
        catch (Exception ex) when (ex is not TemplateRenderException and not OutOfMemoryException)
        {
            throw new TemplateRenderException($"{Describe(template.Key)}: the {part} failed: {ex.GetType().Name}.");
        }
        finally
        {
            Return(context, reusable);
        }
    }

    /// <summary>Returns the rendered template once it is within the SMS segment limit (SMS only).</summary>
    private RenderedTemplate Checked(CompiledTemplate template, Protocol protocol, RenderedTemplate rendered)
    {
        if (protocol == Protocol.Sms)
        {
            var segments = SmsText.CountSegments(rendered.Body);
            if (segments > _maxSmsSegments)
            {
                throw new TemplateRenderException($"{Describe(template.Key)}: the SMS is {segments} segments; the limit is {_maxSmsSegments}.");
            }
        }

        return rendered;
    }

    private static CiceroNotificationsOptions Value(IOptions<CiceroNotificationsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Value;
    }

    private static string Describe(TemplateKey key)
        => $"Template for type '{key.Type}', protocol '{key.Protocol}', culture '{key.Culture}'";

    private static string OneLine(string subject)
    {
        if (subject.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            return subject.Trim();
        }

        var builder = new StringBuilder(subject.Length);
        foreach (var line in subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(line);
        }

        return builder.ToString();
    }

    /// <summary>Replaces the template data's values (as text, and as the render's culture prints them) with <c>***</c>.</summary>
    private static string Scrub(string message, ScriptObject model, CultureInfo culture)
    {
        foreach (var text in TemplateModel.SensitiveTexts(model, culture))
        {
            if (message.Contains(text, StringComparison.Ordinal))
            {
                message = message.Replace(text, "***", StringComparison.Ordinal);
            }
        }

        return message;
    }

    /// <summary>
    /// Scriban's error as it may be stored and shown to staff: its wording names the construct or limit, but any text it
    /// quotes could come from the data (``The member `0707614285` was not found``, where the name was computed). A
    /// quoted number of at most five digits (a limit), or a name or number the template itself wrote, stays; any other
    /// quoted text, and any run of six or more digits, becomes <c>***</c>.
    /// </summary>
    private static string ValueFree(string message, string source)
    {
        var quoted = QuotedText().Replace(message, m => IsSafe(m.Groups[1].Value, source) ? m.Value : "`***`");
        return LongNumber().Replace(quoted, m => m.Value.StartsWith('`') ? m.Value : "***");
    }

    private static bool IsSafe(string token, string source)
        => token.Length is > 0 and <= 64
            && ((token.Length <= 5 && token.All(char.IsAsciiDigit))
                || ((token.All(char.IsAsciiDigit) || Identifier().IsMatch(token)) && source.Contains(token, StringComparison.Ordinal)));

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex QuotedText();

    [GeneratedRegex("`[^`]*`|\\d{6,}")]
    private static partial Regex LongNumber();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex Identifier();

    private Resolution? Resolve(NotificationType type, Protocol protocol, string? culture)
    {
        var key = new TemplateKey(type.Name, protocol.Name, culture ?? "");
        if (_resolutions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        Resolution? resolution = null;
        if (_catalog.TryFind(type.Name, protocol.Name, culture, _defaultCulture, out var template, out var formatting))
        {
            var formatCulture = CultureFallback.Find(formatting, predefinedOnly: false)
                ?? CultureFallback.Find(template.Key.Culture, predefinedOnly: false)
                ?? CultureInfo.InvariantCulture;
            resolution = new Resolution(template, formatCulture);
        }

        if (_resolutions.Count < MaxCachedResolutions)
        {
            _resolutions.TryAdd(key, resolution);
        }

        return resolution;
    }

    private SandboxTemplateContext Rent() => _pool.TryDequeue(out var context) ? context : new SandboxTemplateContext(_limits);

    private void Return(SandboxTemplateContext context, bool reusable)
    {
        // A context that is not clean is left to the garbage collector.
        if (reusable)
        {
            _pool.Enqueue(context);
        }
    }

    private sealed record Resolution(CompiledTemplate Template, CultureInfo Culture);

}
