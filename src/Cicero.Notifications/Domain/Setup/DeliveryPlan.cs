using System.Collections.Immutable;

namespace Cicero.Notifications.Domain;

/// <summary>The result of the protocol decision for one notification to one borrower.</summary>
/// <param name="Outcome">Which rule decided.</param>
/// <param name="Deliveries">The messages to create; empty for <see cref="DeliveryPlanOutcome.MissingContactInfo"/>.</param>
/// <param name="DisplayProtocol">The protocol a MissingContactInfo message is shown with: the type's first.</param>
internal sealed record DeliveryPlan(DeliveryPlanOutcome Outcome, ImmutableArray<PlannedDelivery> Deliveries, Protocol DisplayProtocol);
