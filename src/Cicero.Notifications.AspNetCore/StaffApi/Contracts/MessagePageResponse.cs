namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>A page of messages.</summary>
internal sealed record MessagePageResponse
{
    /// <summary>The messages.</summary>
    public required IReadOnlyList<MessageResponse> Items { get; init; }

    /// <summary>Pass it as <c>continuation</c> for the next page; null on the last page.</summary>
    public string? Continuation { get; init; }

    public static MessagePageResponse From(MessageRowPage page) => new() { Items = [.. page.Items.Select(MessageResponse.From)], Continuation = page.Continuation };
}
