namespace Cicero.Notifications.Storage.Internal;

/// <summary>The order the SQL stores hand claimed messages to the dispatcher: earliest due first, then by id.</summary>
internal static class ClaimOrder
{
    public static void Sort(List<ClaimedMessage> claimed)
        => claimed.Sort(static (a, b) =>
        {
            var byDue = Nullable.Compare(a.Message.NextAttemptAt, b.Message.NextAttemptAt);
            return byDue != 0 ? byDue : a.Message.Id.Value.CompareTo(b.Message.Id.Value);
        });
}
