using Scriban;

namespace Cicero.Notifications.Staff;

/// <summary>A parsed print layout and where it came from (for error messages).</summary>
/// <param name="Name">Where it came from: <c>Print.HtmlTemplates[da]</c> or a shipped layout.</param>
/// <param name="Template">The parsed template.</param>
internal sealed record PrintLayout(string Name, Template Template);
