using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Staff;

/// <summary>The check every staff action makes of the acting staff member's id before it changes anything.</summary>
internal static class StaffId
{
    /// <summary>The longest staff id accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>Refuses an empty or too long staff id, and the id reserved for automatic processing.</summary>
    /// <param name="staffId">The acting staff member's id.</param>
    /// <exception cref="ArgumentException">The id is empty, too long or reserved.</exception>
    public static void Check(string staffId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        if (staffId.Length > MaxLength)
        {
            throw new ArgumentException($"A staff id is at most {MaxLength} characters.", nameof(staffId));
        }

        if (string.Equals(staffId.Trim(), MessageHistoryEntry.SystemActor, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{MessageHistoryEntry.SystemActor}' is reserved for automatic processing: give the acting staff member's id.", nameof(staffId));
        }
    }
}
