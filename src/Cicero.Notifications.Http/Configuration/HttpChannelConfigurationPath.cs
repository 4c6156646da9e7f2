namespace Cicero.Notifications.Http;

/// <summary>The configuration path <c>AddHttpChannel(protocol, IConfiguration)</c> bound a channel's options from, for error messages.</summary>
/// <param name="OptionsName">The options name: the protocol's name.</param>
/// <param name="Path">For example <c>Cicero:Notifications:Http:Sms</c>.</param>
internal sealed record HttpChannelConfigurationPath(string OptionsName, string Path);
