using System.Globalization;

namespace Cicero.Notifications.Domain;

/// <summary>
/// The protocols a library knows — the built-ins and its user-defined ones — with the address each needs and
/// its display names. Immutable and thread-safe.
/// </summary>
internal sealed class ProtocolCatalog
{
    private readonly Dictionary<Protocol, UserDefinedProtocolOptions> _userDefined;

    private ProtocolCatalog(Dictionary<Protocol, UserDefinedProtocolOptions> userDefined)
    {
        _userDefined = userDefined;
        Collected = [.. userDefined.Where(p => p.Value?.Delivery == ProtocolDelivery.Collected).Select(p => p.Key)];
    }

    /// <summary>Gets a catalog with only the built-in protocols.</summary>
    public static ProtocolCatalog BuiltInOnly { get; } = new([]);

    /// <summary>Gets every protocol in the catalog: built-ins first.</summary>
    public IEnumerable<Protocol> All => Protocol.BuiltIn.Concat(_userDefined.Keys);

    /// <summary>Creates a catalog with the given user-defined protocols.</summary>
    /// <param name="userDefined">The definitions; names must be valid, unique and not built-in.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">A name is invalid, built-in or defined twice (the message names it).</exception>
    public static ProtocolCatalog Create(IEnumerable<UserDefinedProtocolOptions> userDefined)
    {
        ArgumentNullException.ThrowIfNull(userDefined);
        var map = new Dictionary<Protocol, UserDefinedProtocolOptions>();
        foreach (var definition in userDefined)
        {
            if (!Protocol.TryParse(definition.Name, out var protocol))
            {
                throw new ArgumentException($"User-defined protocol '{definition.Name}' has an invalid name: use 1–40 letters, digits, '-' or '_', starting with a letter.", nameof(userDefined));
            }

            if (protocol.IsBuiltIn)
            {
                throw new ArgumentException($"User-defined protocol '{definition.Name}' has the name of a built-in protocol.", nameof(userDefined));
            }

            if (!map.TryAdd(protocol, Copy(definition)))
            {
                throw new ArgumentException($"User-defined protocol '{definition.Name}' is defined more than once.", nameof(userDefined));
            }
        }

        return new ProtocolCatalog(map);
    }

    /// <summary>
    /// Creates a catalog of every user-defined protocol whose name is valid, skipping the definitions <see cref="Create"/>
    /// refuses (the first of two with one name wins). Start-up validation uses it to tell an unknown protocol from a
    /// known one while a bad definition is reported on its own.
    /// </summary>
    /// <param name="userDefined">The definitions.</param>
    /// <returns>The catalog.</returns>
    public static ProtocolCatalog CreateLenient(IEnumerable<UserDefinedProtocolOptions?> userDefined)
    {
        ArgumentNullException.ThrowIfNull(userDefined);
        var map = new Dictionary<Protocol, UserDefinedProtocolOptions>();
        foreach (var definition in userDefined)
        {
            if (definition is not null && Protocol.TryParse(definition.Name, out var protocol) && !protocol.IsBuiltIn)
            {
                map.TryAdd(protocol, Copy(definition));
            }
        }

        return new ProtocolCatalog(map);
    }

    /// <summary>Returns whether the protocol is built-in or defined in this catalog.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public bool Contains(Protocol protocol) => protocol.IsBuiltIn || _userDefined.ContainsKey(protocol);

    /// <summary>Gets the protocols whose messages staff collect in print runs instead of a channel sending them.</summary>
    public IReadOnlyCollection<Protocol> Collected { get; }

    /// <summary>Gets whether staff collect the protocol's messages in print runs (<see cref="ProtocolDelivery.Collected"/>).</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns><see langword="true"/> for a collected protocol.</returns>
    public bool IsCollected(Protocol protocol) => _userDefined.TryGetValue(protocol, out var definition) && definition?.Delivery == ProtocolDelivery.Collected;

    /// <summary>Gets which address the protocol needs.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The address it needs.</returns>
    /// <exception cref="ArgumentException">The protocol is not in the catalog.</exception>
    public ProtocolAddress AddressOf(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol == Protocol.Sms)
        {
            return ProtocolAddress.Phone;
        }

        if (protocol == Protocol.Email)
        {
            return ProtocolAddress.Email;
        }

        if (protocol == Protocol.DigitalPost)
        {
            return ProtocolAddress.CprOrCvr;
        }

        return _userDefined.TryGetValue(protocol, out var definition)
            ? definition.Address
            : throw new ArgumentException($"Unknown protocol '{protocol}': define it in UserDefinedProtocols.", nameof(protocol));
    }

    /// <summary>Gets the protocol's display name for staff, in Danish unless the culture is English.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="culture">The staff's culture; <see langword="null"/> for Danish.</param>
    /// <returns>The display name.</returns>
    public string DisplayName(Protocol protocol, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol.IsBuiltIn)
        {
            return DisplayNames.Of(protocol, culture);
        }

        return _userDefined.TryGetValue(protocol, out var d)
            ? (DisplayNames.IsEnglish(culture) ? d.DisplayNameEn : d.DisplayNameDa) ?? protocol.Name
            : protocol.Name;
    }

    private static UserDefinedProtocolOptions Copy(UserDefinedProtocolOptions d)
        => new() { Name = d.Name, DisplayNameDa = d.DisplayNameDa, DisplayNameEn = d.DisplayNameEn, Address = d.Address, Delivery = d.Delivery };
}
