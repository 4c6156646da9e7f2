using System.Globalization;

namespace Cicero.Notifications.Storage.Internal;

/// <summary>A keyset cursor: the creation time (UTC ticks) and id of the last message on a page, as <c>ticks:id</c>.</summary>
internal static class PageCursor
{
    public static string Format(DateTimeOffset createdAt, Guid id)
        => string.Create(CultureInfo.InvariantCulture, $"{createdAt.UtcTicks}:{id:N}");

    public static (DateTimeOffset CreatedAt, Guid Id)? Parse(string? continuation)
    {
        if (continuation is null)
        {
            return null;
        }

        var parts = continuation.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && Guid.TryParseExact(parts[1], "N", out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw new ArgumentException("The continuation is not one this store issued.", nameof(continuation));
    }
}
