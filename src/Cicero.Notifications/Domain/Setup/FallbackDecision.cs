namespace Cicero.Notifications.Domain;

/// <summary>What the fallback rule decides for a notification (<see cref="FallbackPlanner"/>).</summary>
/// <param name="Outcome">Whether a fallback message is to be created.</param>
/// <param name="Replaced">The failed messages the fallback takes over (those still in the message queue).</param>
/// <param name="Protocol">The fallback protocol, when <see cref="FallbackOutcome.Create"/>.</param>
/// <param name="Recipient">Its address; <see langword="null"/> for a protocol that needs none.</param>
internal sealed record FallbackDecision(FallbackOutcome Outcome, IReadOnlyList<Message> Replaced, Protocol? Protocol, MessageRecipient? Recipient)
{
    /// <summary>Gets the decision to do nothing (yet).</summary>
    public static FallbackDecision None { get; } = new(FallbackOutcome.None, [], null, null);

    /// <summary>Returns the outcome and protocol; never the address.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"FallbackDecision ({Outcome}{(Protocol is null ? "" : ", " + Protocol)})";
}
