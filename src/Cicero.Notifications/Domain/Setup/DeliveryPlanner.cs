using System.Collections.Immutable;

namespace Cicero.Notifications.Domain;

/// <summary>
/// The protocol decision: for a notification type's setup and a borrower's profile, which
/// messages to create. Pure: no I/O, no clock — the current time is passed in.
/// </summary>
internal static class DeliveryPlanner
{
    /// <summary>Decides which messages a notification creates.</summary>
    /// <param name="setup">The type's setup: its protocols in order and the optional alternative.</param>
    /// <param name="profile">The borrower's profile.</param>
    /// <param name="catalog">The known protocols and the addresses they need.</param>
    /// <param name="now">The current time.</param>
    /// <param name="verificationWindow">How long a manually added e-mail may stay unverified.</param>
    /// <returns>
    /// One delivery per chosen protocol and address; e-mail deliveries to an address awaiting verification
    /// are held, and an address whose window ran out counts as absent. When none is chosen, one
    /// delivery on the alternative protocol — when the borrower has its address — else MissingContactInfo.
    /// </returns>
    public static DeliveryPlan Plan(NotificationTypeOptions setup, BorrowerProfile profile, ProtocolCatalog catalog, DateTimeOffset now, TimeSpan verificationWindow)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(catalog);
        if (setup.Protocols.Count == 0)
        {
            throw new ArgumentException("The notification type has no protocols.", nameof(setup));
        }

        var deliveries = ImmutableArray.CreateBuilder<PlannedDelivery>(setup.Protocols.Count);
        foreach (var protocol in setup.Protocols)
        {
            AddChosen(deliveries, protocol, profile, catalog, now, verificationWindow);
        }

        if (deliveries.Count > 0)
        {
            return new DeliveryPlan(DeliveryPlanOutcome.Chosen, deliveries.DrainToImmutable(), setup.Protocols[0]);
        }

        if (setup.AlternativeProtocol is { } alternative)
        {
            var recipient = AlternativeRecipient(alternative, profile, catalog);
            if (recipient.Found)
            {
                return new DeliveryPlan(DeliveryPlanOutcome.Alternative, [new PlannedDelivery(alternative, recipient.Recipient, Held: false)], alternative);
            }
        }

        return new DeliveryPlan(DeliveryPlanOutcome.MissingContactInfo, [], setup.Protocols[0]);
    }

    /// <summary>Finds the first address for a protocol in the borrower's current profile, ignoring opt-ins (a staff reroute or an alternative protocol).</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="profile">The profile.</param>
    /// <param name="catalog">The catalog.</param>
    /// <param name="recipient">The address; <see langword="null"/> for a protocol that needs none.</param>
    /// <returns><see langword="true"/> when the borrower can be reached on the protocol.</returns>
    public static bool TryFindRecipient(Protocol protocol, BorrowerProfile profile, ProtocolCatalog catalog, out MessageRecipient? recipient)
    {
        ArgumentNullException.ThrowIfNull(protocol); // Equivalent mutant when removed: catalog.AddressOf makes the same check.
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(catalog);
        (var found, recipient) = AlternativeRecipient(protocol, profile, catalog);
        return found;
    }

    private static void AddChosen(ImmutableArray<PlannedDelivery>.Builder deliveries, Protocol protocol, BorrowerProfile profile, ProtocolCatalog catalog, DateTimeOffset now, TimeSpan window)
    {
        var address = catalog.AddressOf(protocol);
        var isBuiltInChoice = protocol == Protocol.Sms || protocol == Protocol.Email;

        // SMS and e-mail are chosen by Notification contact points; everything else must be switched on.
        if (!isBuiltInChoice && !profile.HasOptedIn(protocol))
        {
            return;
        }

        switch (address)
        {
            case ProtocolAddress.None:
                deliveries.Add(new PlannedDelivery(protocol, null, Held: false));
                break;
            case ProtocolAddress.Phone:
                foreach (var point in profile.ContactPoints)
                {
                    if (point is { Kind: ContactKind.Phone, Purpose: ContactPurpose.Notification, Phone.CanReceiveSms: true })
                    {
                        deliveries.Add(new PlannedDelivery(protocol, MessageRecipient.Phone(point.Phone), Held: false));
                    }
                }

                break;
            case ProtocolAddress.Email:
                foreach (var point in profile.ContactPoints)
                {
                    if (point.Kind != ContactKind.Email || point.Purpose != ContactPurpose.Notification)
                    {
                        continue;
                    }

                    if (point.VerifiedAt is not null)
                    {
                        deliveries.Add(new PlannedDelivery(protocol, MessageRecipient.Email(point.Email!), Held: false));
                    }
                    else if (protocol == Protocol.Email && point.IsPendingVerification(now, window))
                    {
                        // The unverified address counts as chosen, its messages wait for verification.
                        deliveries.Add(new PlannedDelivery(protocol, MessageRecipient.Email(point.Email!), Held: true));
                    }
                }

                break;
            case ProtocolAddress.CprOrCvr:
                if (IdentifierRecipient(profile) is { } identifier)
                {
                    deliveries.Add(new PlannedDelivery(protocol, identifier, Held: false));
                }

                break;
        }
    }

    private static (bool Found, MessageRecipient? Recipient) AlternativeRecipient(Protocol protocol, BorrowerProfile profile, ProtocolCatalog catalog)
    {
        switch (catalog.AddressOf(protocol))
        {
            case ProtocolAddress.None:
                return (true, null);
            case ProtocolAddress.Phone:
                var phone = profile.ContactPoints.FirstOrDefault(p => p is { Kind: ContactKind.Phone, Purpose: ContactPurpose.Notification, Phone.CanReceiveSms: true });
                return phone is null ? (false, null) : (true, MessageRecipient.Phone(phone.Phone!));
            case ProtocolAddress.Email:
                var email = profile.ContactPoints.FirstOrDefault(p => p is { Kind: ContactKind.Email, IsUsableForNotifications: true });
                return email is null ? (false, null) : (true, MessageRecipient.Email(email.Email!));
            default:
                var identifier = IdentifierRecipient(profile);
                return (identifier is not null, identifier);
        }
    }

    private static MessageRecipient? IdentifierRecipient(BorrowerProfile profile)
        => profile.Cpr is { } cpr ? MessageRecipient.Person(cpr) : profile.Cvr is { } cvr ? MessageRecipient.Company(cvr) : null;
}
