using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Verification;

/// <summary>What became of held messages: moved to the alternative protocol, MissingContactInfo, or Failed (template).</summary>
internal readonly record struct HeldTally(int Rerouted, int MissingContactInfo, int Failed)
{
    /// <summary>Counts one outcome: Pending (moved), MissingContactInfo, Failed, or <see langword="null"/> (left alone).</summary>
    public HeldTally Add(MessageStatus? outcome) => outcome switch
    {
        MessageStatus.Pending => this with { Rerouted = Rerouted + 1 },
        MessageStatus.MissingContactInfo => this with { MissingContactInfo = MissingContactInfo + 1 },
        MessageStatus.Failed => this with { Failed = Failed + 1 },
        _ => this,
    };

    public static HeldTally operator +(HeldTally left, HeldTally right)
        => new(left.Rerouted + right.Rerouted, left.MissingContactInfo + right.MissingContactInfo, left.Failed + right.Failed);
}
