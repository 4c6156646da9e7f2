using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Verification;

/// <summary>A verification message ready to store, and the hash of the token its link carries.</summary>
/// <param name="TokenHash">The SHA-256 hash of the token, lower-case hex: the only form of the token that is stored.</param>
/// <param name="Message">The Pending verification message.</param>
internal sealed record PreparedVerification(string TokenHash, Message Message);
