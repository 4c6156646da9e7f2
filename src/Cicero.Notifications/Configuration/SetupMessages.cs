using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Configuration;

/// <summary>Sentences the start-up validators share, so one mistake reads the same wherever it is found.</summary>
internal static class SetupMessages
{
    /// <summary>
    /// The end of an "unknown protocol" error: the built-in and user-defined protocols, and what to do. Starts after a colon.
    /// </summary>
    /// <param name="protocol">The unknown protocol.</param>
    /// <param name="known">The protocols the setup knows.</param>
    /// <returns>For example <c>use a built-in protocol (Sms, Email, DigitalPost) or a user-defined one (Print), or define 'Fax' in UserDefinedProtocols.</c></returns>
    public static string UseAKnownProtocol(Protocol protocol, ProtocolCatalog known)
    {
        var userDefined = known.All.Where(p => !p.IsBuiltIn).Select(p => p.Name).ToList();
        return $"use a built-in protocol ({string.Join(", ", Protocol.BuiltIn.Select(p => p.Name))}) or a user-defined one "
            + $"({(userDefined.Count == 0 ? "none defined" : string.Join(", ", userDefined))}), or define '{protocol}' in UserDefinedProtocols.";
    }
}
