namespace Cicero.Notifications;

/// <summary>A page size and the continuation from the previous page.</summary>
/// <param name="Size">The page size, 1–1000.</param>
/// <param name="Continuation">The previous page's <see cref="MessagePage.Continuation"/>, or <see langword="null"/> for the first page.</param>
public sealed record PageRequest(int Size = 50, string? Continuation = null)
{
    /// <summary>The largest page size.</summary>
    public const int MaxSize = 1000;

    /// <summary>Gets the page size.</summary>
    public int Size { get; } = Size is >= 1 and <= MaxSize
        ? Size
        : throw new ArgumentOutOfRangeException(nameof(Size), Size, $"A page holds 1–{MaxSize} items.");
}
