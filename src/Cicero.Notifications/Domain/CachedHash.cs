namespace Cicero.Notifications.Domain;

/// <summary>
/// The hash code of an immutable name or id, computed on first use and kept: these values are looked up in dictionaries
/// on every notification.
/// </summary>
internal static class CachedHash
{
    /// <summary>Gets the hash code of <paramref name="value"/>, computing it into <paramref name="cache"/> the first time.</summary>
    /// <param name="cache">The instance's field; 0 until computed.</param>
    /// <param name="value">The value the instance compares by.</param>
    /// <param name="comparer">The comparer the instance's equality uses.</param>
    /// <returns>The hash code.</returns>
    public static int Get(ref int cache, string value, StringComparer comparer)
    {
        var hash = cache;
        if (hash == 0)
        {
            hash = comparer.GetHashCode(value);
            cache = hash = hash == 0 ? 1 : hash;
        }

        return hash;
    }
}
