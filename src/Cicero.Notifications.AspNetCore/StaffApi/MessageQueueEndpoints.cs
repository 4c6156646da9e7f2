using Cicero.Notifications.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>The message queue (Beskedkø): list, count and the bulk actions.</summary>
internal static class MessageQueueEndpoints
{
    public const string Tag = "Message queue";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/message-queue", ListAsync)
            .WithName("ListMessageQueue")
            .WithTags(Tag)
            .WithSummary("Lists the message queue, oldest first.")
            .WithDescription("The Failed messages not dismissed, including those whose delivery is in doubt; optionally only one type, protocol or failure kind, or an age range. One page at a time (pageSize 1–1000, default 50).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/message-queue/count", CountAsync)
            .WithName("CountMessageQueue")
            .WithTags(Tag)
            .WithSummary("Counts the messages in the message queue.");

        MapBulk(group.MapPost("/message-queue/retry", RetryAsync), "RetryMessages",
            "Retries many messages, one by one, as the single retry does.");
        MapBulk(group.MapPost("/message-queue/reroute", RerouteAsync), "RerouteMessages",
            "Sends many messages on another protocol, one by one, as the single reroute does.");
        MapBulk(group.MapPost("/message-queue/mark-handled", MarkHandledAsync), "MarkMessagesHandled",
            "Marks many messages handled by hand, one by one, as the single action does.");
        MapBulk(group.MapPost("/message-queue/dismiss", DismissAsync), "DismissMessages",
            "Dismisses many messages from the message queue, one by one, as the single action does.");
    }

    internal static async Task<Results<Ok<MessagePageResponse>, ProblemHttpResult>> ListAsync(
        string? type, string? protocol, string? branch, MessageFailureKind? failureKind, DateTimeOffset? createdAtOrAfter, DateTimeOffset? createdAtOrBefore,
        int? pageSize, string? continuation, HttpContext context, IMessageQueue queue, CancellationToken cancellationToken)
    {
        var filterRequest = new QueueFilterRequest
        {
            Type = type,
            Protocol = protocol,
            Branch = branch,
            FailureKind = failureKind,
            CreatedAtOrAfter = createdAtOrAfter,
            CreatedAtOrBefore = createdAtOrBefore,
        };
        if (Filter(filterRequest, out var filter) is { } invalid)
        {
            return invalid;
        }

        if (MessageEndpoints.Page(pageSize, continuation) is not { } page)
        {
            return MessageEndpoints.PageSizeProblem();
        }

        try
        {
            var found = await queue.ListAsync(filter, page, StaffHttp.Culture(context), cancellationToken).ConfigureAwait(false);
            context.Response.Headers.Vary = "Accept-Language";
            return TypedResults.Ok(MessagePageResponse.From(found));
        }
        catch (ArgumentException)
        {
            return MessageEndpoints.ContinuationProblem();
        }
    }

    internal static async Task<Ok<QueueCountResponse>> CountAsync(IMessageQueue queue, CancellationToken cancellationToken)
        => TypedResults.Ok(new QueueCountResponse(await queue.CountAsync(cancellationToken).ConfigureAwait(false)));

    internal static Task<Results<Ok<BulkActionResponse>, ProblemHttpResult>> RetryAsync(
        BulkActionRequest request, HttpContext context, IMessageQueue queue, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
        => ActAsync(request.Ids, request.Filter, context, options.Value, (selection, staff) => queue.RetryManyAsync(selection, staff, request.Note, cancellationToken));

    internal static Task<Results<Ok<BulkActionResponse>, ProblemHttpResult>> RerouteAsync(
        BulkRerouteRequest request, HttpContext context, IMessageQueue queue, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Protocol))
        {
            return Task.FromResult<Results<Ok<BulkActionResponse>, ProblemHttpResult>>(StaffProblems.BadRequest("Give the protocol to send the messages on."));
        }

        if (!Protocol.TryParse(request.Protocol, out var protocol))
        {
            return Task.FromResult<Results<Ok<BulkActionResponse>, ProblemHttpResult>>(MessageEndpoints.InvalidProtocol());
        }

        return ActAsync(request.Ids, request.Filter, context, options.Value, (selection, staff) => queue.RerouteManyAsync(selection, protocol, staff, request.Note, cancellationToken));
    }

    internal static Task<Results<Ok<BulkActionResponse>, ProblemHttpResult>> MarkHandledAsync(
        BulkActionRequest request, HttpContext context, IMessageQueue queue, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
        => ActAsync(request.Ids, request.Filter, context, options.Value, (selection, staff) => queue.MarkHandledManyAsync(selection, staff, request.Note, cancellationToken));

    internal static Task<Results<Ok<BulkActionResponse>, ProblemHttpResult>> DismissAsync(
        BulkActionRequest request, HttpContext context, IMessageQueue queue, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
        => ActAsync(request.Ids, request.Filter, context, options.Value, (selection, staff) => queue.DismissManyAsync(selection, staff, request.Note, cancellationToken));

    private static void MapBulk(RouteHandlerBuilder endpoint, string name, string summary)
        => endpoint
            .WithName(name)
            .WithTags(Tag)
            .WithSummary(summary)
            .WithDescription("Give either ids (up to 1 000) or a queue filter (the oldest 1 000 matches; moreMatched says when to send the request again). Every selected message ends in exactly one list: succeeded, refused (with the refusal code and reason) or conflicted (changed by someone else first). Records the authenticated staff member and the note in each message's history.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Results<Ok<BulkActionResponse>, ProblemHttpResult>> ActAsync(
        IReadOnlyList<string>? ids, QueueFilterRequest? filterRequest, HttpContext context, StaffApiOptions options, Func<MessageSelection, string, Task<BulkActionResult>> act)
    {
        if (StaffHttp.StaffId(context, options) is not { } staffId)
        {
            return StaffProblems.NoStaff();
        }

        if (Selection(ids, filterRequest, out var selection) is { } invalid)
        {
            return invalid;
        }

        try
        {
            return TypedResults.Ok(BulkActionResponse.From(await act(selection!, staffId).ConfigureAwait(false)));
        }
        catch (ArgumentException ex)
        {
            return StaffProblems.Argument(ex);
        }
    }

    private static ProblemHttpResult? Selection(IReadOnlyList<string>? ids, QueueFilterRequest? filterRequest, out MessageSelection? selection)
    {
        selection = null;
        if ((ids is null) == (filterRequest is null))
        {
            return StaffProblems.BadRequest("Give exactly one of ids and filter.");
        }

        if (filterRequest is not null)
        {
            if (Filter(filterRequest, out var filter) is { } invalid)
            {
                return invalid;
            }

            selection = MessageSelection.Matching(filter);
            return null;
        }

        List<MessageId> parsed = [];
        foreach (var id in ids!)
        {
            if (!MessageId.TryParse(id, out var messageId))
            {
                return StaffProblems.BadRequest("Every id must be a message id (a non-empty GUID).");
            }

            parsed.Add(messageId);
        }

        try
        {
            selection = MessageSelection.Of(parsed);
            return null;
        }
        catch (ArgumentException ex)
        {
            return StaffProblems.BadRequest(StaffProblems.Detail(ex));
        }
    }

    private static ProblemHttpResult? Filter(QueueFilterRequest request, out MessageQueueFilter filter)
    {
        filter = MessageQueueFilter.All;
        NotificationType? type = null;
        if (!string.IsNullOrWhiteSpace(request.Type) && !NotificationType.TryParse(request.Type, out type))
        {
            return StaffProblems.Problem(StatusCodes.Status422UnprocessableEntity, StaffProblems.InvalidValue, "Invalid value", "Not a valid notification type name.");
        }

        Protocol? protocol = null;
        if (!string.IsNullOrWhiteSpace(request.Protocol) && !Protocol.TryParse(request.Protocol, out protocol))
        {
            return MessageEndpoints.InvalidProtocol();
        }

        if (request.FailureKind is { } kind && !Enum.IsDefined(kind))
        {
            return StaffProblems.BadRequest("Unknown failure kind.");
        }

        filter = new MessageQueueFilter
        {
            Type = type,
            Protocol = protocol,
            Branch = string.IsNullOrWhiteSpace(request.Branch) ? null : request.Branch,
            FailureKind = request.FailureKind,
            CreatedAtOrAfter = request.CreatedAtOrAfter,
            CreatedAtOrBefore = request.CreatedAtOrBefore,
        };
        return null;
    }
}
