using Scriban;

namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>A parsed verification page layout, and what to call it in messages.</summary>
/// <param name="Name">For example <c>Layouts[en]</c> or <c>shipped Danish layout</c>.</param>
/// <param name="Template">The parsed layout.</param>
internal sealed record VerificationPageLayout(string Name, Template Template);
