namespace Cicero.Notifications.Domain;

/// <summary>A protocol the library defines itself (Cicero's "brugerdefinerede protokoller"), such as <c>Print</c> or <c>App</c>.</summary>
/// <remarks>Plain settable properties, bindable from configuration.</remarks>
public class UserDefinedProtocolOptions
{
    /// <summary>Gets or sets the protocol's name: 1–40 letters, digits, '-' or '_', starting with a letter; not a built-in name.</summary>
    /// <value>The default value is an empty string, which validation rejects.</value>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the Danish display name shown to staff.</summary>
    /// <value>The default value is <see langword="null"/>: the name is shown.</value>
    public string? DisplayNameDa { get; set; }

    /// <summary>Gets or sets the English display name shown to staff.</summary>
    /// <value>The default value is <see langword="null"/>: the name is shown.</value>
    public string? DisplayNameEn { get; set; }

    /// <summary>Gets or sets which address the protocol needs from the borrower.</summary>
    /// <value>The default value is <see cref="ProtocolAddress.None"/>.</value>
    public ProtocolAddress Address { get; set; } = ProtocolAddress.None;

    /// <summary>
    /// Gets or sets how the protocol's messages leave the library: by a channel, or collected by staff in print runs of
    /// letters (<see cref="ProtocolDelivery.Collected"/>, which needs no channel).
    /// </summary>
    /// <value>The default value is <see cref="ProtocolDelivery.Channel"/>.</value>
    public ProtocolDelivery Delivery { get; set; } = ProtocolDelivery.Channel;
}
