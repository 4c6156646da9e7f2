using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>One message as a fake channel got it.</summary>
/// <param name="MessageId">The library's message id.</param>
/// <param name="At">When the channel got it (the sample clock).</param>
/// <param name="Protocol">The protocol's display name.</param>
/// <param name="To">The recipient as the channel saw it (a CPR number masked).</param>
/// <param name="Subject">The subject, if any.</param>
/// <param name="Body">The text.</param>
/// <param name="Outcome">What the fake channel answered.</param>
public sealed record OutboxEntry(MessageId MessageId, DateTimeOffset At, string Protocol, string To, string? Subject, string Body, string Outcome)
{
    /// <summary>Gets the path and query of the verification link in an e-mail, to open on this server; <see langword="null"/> when there is none.</summary>
    public string? VerificationLink
    {
        get
        {
            var start = Body.IndexOf(SampleSetup.VerificationPath + "?token=", StringComparison.Ordinal);
            if (start < 0)
            {
                return null;
            }

            var end = start;
            while (end < Body.Length && !char.IsWhiteSpace(Body[end]))
            {
                end++;
            }

            return Body[start..end];
        }
    }
}
