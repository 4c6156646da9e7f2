namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>Turns the library's <see cref="MessageActions"/> flags into the list the JSON shows.</summary>
internal static class StaffActions
{
    public static IReadOnlyList<StaffAction> From(MessageActions actions)
    {
        List<StaffAction> list = [];
        if (actions.HasFlag(MessageActions.Retry))
        {
            list.Add(StaffAction.Retry);
        }

        if (actions.HasFlag(MessageActions.Reroute))
        {
            list.Add(StaffAction.Reroute);
        }

        if (actions.HasFlag(MessageActions.MarkHandled))
        {
            list.Add(StaffAction.MarkHandled);
        }

        if (actions.HasFlag(MessageActions.Dismiss))
        {
            list.Add(StaffAction.Dismiss);
        }

        return list;
    }
}
