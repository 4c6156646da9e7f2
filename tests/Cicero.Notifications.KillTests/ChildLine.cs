namespace Cicero.Notifications.KillTests;

/// <summary>A line a child process wrote to its standard output, or (<see cref="Text"/> null) the end of its output.</summary>
/// <param name="Child">The process that wrote it.</param>
/// <param name="Text">The line, or null when the output ended (the process exited or was killed).</param>
internal sealed record ChildLine(ChildProcess Child, string? Text);
