using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage.Internal;

/// <summary>A keyset cursor: the creation time (UTC ticks) and id of the last message on a page, as <c>ticks:id</c>.</summary>
internal static class PageCursor
{
    /// <summary>Makes a page of the first <paramref name="size"/> messages, continued after the last when there are more.</summary>
    /// <param name="items">Up to <paramref name="size"/> + 1 messages, in the page's order; the list is changed.</param>
    /// <param name="size">The page size.</param>
    /// <returns>The page.</returns>
    public static MessagePage Page(List<Message> items, int size)
    {
        if (items.Count <= size)
        {
            return new MessagePage(items, null);
        }

        items.RemoveAt(size);
        var last = items[^1];
        return new MessagePage(items, Format(last.CreatedAt, last.Id.Value));
    }

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
