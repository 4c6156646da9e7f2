namespace Cicero.Notifications.Samples.Console;

/// <summary>What the story's print run did.</summary>
/// <param name="Letters">How many letters it printed.</param>
/// <param name="HtmlPath">The run's document (HTML); its CSV list is next to it.</param>
internal sealed record PrintRunOutcome(int Letters, string HtmlPath);
