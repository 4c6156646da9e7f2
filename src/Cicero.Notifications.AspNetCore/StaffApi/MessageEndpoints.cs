using System.Globalization;
using System.Text;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>The borrower's messages (list, one, print) and the staff actions on one message.</summary>
internal static class MessageEndpoints
{
    public const string Tag = "Borrower messages";

    /// <summary>The print documents are self-contained: no scripts, no external resources, inline CSS only.</summary>
    internal const string PrintContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/borrowers/{borrowerId}/messages", ListAsync)
            .WithName("ListBorrowerMessages")
            .WithTags(Tag)
            .WithSummary("Lists a borrower's messages, newest first.")
            .WithDescription("One page at a time (pageSize 1–1000, default 50; pass the response's continuation for the next page), optionally only one status or one branch (its code; a page may then hold fewer messages while more follow). Display names follow Accept-Language (da or en; else the library's default, Danish). Reading never changes a message.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/messages/{messageId:guid}", GetAsync)
            .WithName("GetMessage")
            .WithTags(Tag)
            .WithSummary("Gets one message with its history.")
            .WithDescription("The ETag header holds the message's version: send it as If-Match with an action so the action is refused (412) when the message changed meanwhile.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithETag();

        group.MapGet("/messages/{messageId:guid}/print.html", PrintHtmlAsync)
            .WithName("PrintMessageHtml")
            .WithTags(Tag)
            .WithSummary("Prints one message as a self-contained HTML page with A4 print CSS.")
            .WithDescription("In the message's own language unless culture is given (for example da-DK or en). The CPR number of a recipient is masked. Printing never changes the message.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/messages/{messageId:guid}/print.txt", PrintTextAsync)
            .WithName("PrintMessageText")
            .WithTags(Tag)
            .WithSummary("Prints one message as plain text.")
            .WithDescription("In the message's own language unless culture is given (for example da-DK or en). The CPR number of a recipient is masked. Printing never changes the message.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        MapAction(group.MapPost("/messages/{messageId:guid}/retry", RetryAsync), "RetryMessage",
            "Sends the message again on its protocol.",
            "Failed or MissingContactInfo → Pending, due at once, with a fresh attempt budget. Records the authenticated staff member and the note in the history.");
        MapAction(group.MapPost("/messages/{messageId:guid}/reroute", RerouteAsync), "RerouteMessage",
            "Sends the message on another protocol.",
            "To the borrower's current address for the protocol, rendered from the message's template data. Failed or MissingContactInfo → Pending. Refused (422) when the borrower has no address on the protocol, or the protocol has no channel or template.");
        MapAction(group.MapPost("/messages/{messageId:guid}/mark-handled", MarkHandledAsync), "MarkMessageHandled",
            "Records that staff handled the message by hand.",
            "For example printed and posted it (say so in the note): Failed or MissingContactInfo → Sent, flagged as handled manually.");
        MapAction(group.MapPost("/messages/{messageId:guid}/dismiss", DismissAsync), "DismissMessage",
            "Removes a Failed message from the message queue.",
            "It stays Failed and on the borrower's list, flagged as dismissed.");
    }

    internal static async Task<Results<Ok<MessagePageResponse>, ProblemHttpResult>> ListAsync(
        string borrowerId, MessageStatus? status, string? branch, int? pageSize, string? continuation, HttpContext context, IBorrowerMessages messages, CancellationToken cancellationToken)
    {
        if (!BorrowerId.TryParse(borrowerId, out var borrower))
        {
            return StaffProblems.BadRequest("Not a valid borrower id.");
        }

        if (status is { } s && !Enum.IsDefined(s))
        {
            return StaffProblems.BadRequest("Unknown status: use Pending, Sent, Failed or MissingContactInfo.");
        }

        if (Page(pageSize, continuation) is not { } page)
        {
            return PageSizeProblem();
        }

        try
        {
            var found = await messages.ListAsync(borrower, page, status, StaffHttp.Culture(context), string.IsNullOrWhiteSpace(branch) ? null : branch, cancellationToken).ConfigureAwait(false);
            context.Response.Headers.Vary = "Accept-Language";
            return TypedResults.Ok(MessagePageResponse.From(found));
        }
        catch (ArgumentException)
        {
            return ContinuationProblem();
        }
    }

    internal static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> GetAsync(
        Guid messageId, HttpContext context, IBorrowerMessages messages, CancellationToken cancellationToken)
    {
        if (messageId == Guid.Empty)
        {
            return StaffProblems.MessageNotFound();
        }

        // The ETag is the version of the row itself: an action sent with it applies to exactly the state the client saw.
        var row = await messages.GetAsync(MessageId.From(messageId), StaffHttp.Culture(context), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return StaffProblems.MessageNotFound();
        }

        StaffHttp.SetETag(context, row.Version);
        return TypedResults.Ok(MessageResponse.From(row));
    }

    internal static Task<Results<ContentHttpResult, ProblemHttpResult>> PrintHtmlAsync(
        Guid messageId, string? culture, HttpContext context, IMessagePrinter printer, CancellationToken cancellationToken)
        => PrintAsync(messageId, culture, context, printer, html: true, cancellationToken);

    internal static Task<Results<ContentHttpResult, ProblemHttpResult>> PrintTextAsync(
        Guid messageId, string? culture, HttpContext context, IMessagePrinter printer, CancellationToken cancellationToken)
        => PrintAsync(messageId, culture, context, printer, html: false, cancellationToken);

    internal static Task<Results<Ok<MessageResponse>, ProblemHttpResult>> RetryAsync(
        Guid messageId, ActionRequest? request, HttpContext context, IMessageQueue queue, IBorrowerMessages messages, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
        => ActAsync(messageId, context, messages, options.Value, (id, staff, version) => queue.RetryAsync(id, staff, request?.Note, version, cancellationToken), cancellationToken);

    internal static Task<Results<Ok<MessageResponse>, ProblemHttpResult>> RerouteAsync(
        Guid messageId, RerouteRequest request, HttpContext context, IMessageQueue queue, IBorrowerMessages messages, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Protocol))
        {
            return Task.FromResult<Results<Ok<MessageResponse>, ProblemHttpResult>>(StaffProblems.BadRequest("Give the protocol to send the message on."));
        }

        if (!Protocol.TryParse(request.Protocol, out var protocol))
        {
            return Task.FromResult<Results<Ok<MessageResponse>, ProblemHttpResult>>(InvalidProtocol());
        }

        return ActAsync(messageId, context, messages, options.Value, (id, staff, version) => queue.RerouteAsync(id, protocol, staff, request.Note, version, cancellationToken), cancellationToken);
    }

    internal static Task<Results<Ok<MessageResponse>, ProblemHttpResult>> MarkHandledAsync(
        Guid messageId, ActionRequest? request, HttpContext context, IMessageQueue queue, IBorrowerMessages messages, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
        => ActAsync(messageId, context, messages, options.Value, (id, staff, version) => queue.MarkHandledAsync(id, staff, request?.Note, version, cancellationToken), cancellationToken);

    internal static Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DismissAsync(
        Guid messageId, ActionRequest? request, HttpContext context, IMessageQueue queue, IBorrowerMessages messages, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
        => ActAsync(messageId, context, messages, options.Value, (id, staff, version) => queue.DismissAsync(id, staff, request?.Note, version, cancellationToken), cancellationToken);

    internal static PageRequest? Page(int? pageSize, string? continuation)
        => pageSize is null or (>= 1 and <= PageRequest.MaxSize) ? new PageRequest(pageSize ?? 50, string.IsNullOrEmpty(continuation) ? null : continuation) : null;

    internal static ProblemHttpResult PageSizeProblem() => StaffProblems.BadRequest($"pageSize must be 1–{PageRequest.MaxSize}.");

    internal static ProblemHttpResult ContinuationProblem() => StaffProblems.BadRequest("The continuation was not issued by this API for this list: start again from the first page.");

    internal static ProblemHttpResult InvalidProtocol() => StaffProblems.Problem(
        StatusCodes.Status422UnprocessableEntity, StaffProblems.InvalidValue, "Invalid value", "Not a valid protocol name: use Sms, Email, DigitalPost or a user-defined protocol's name.");

    private static void MapAction(RouteHandlerBuilder endpoint, string name, string summary, string description)
        => endpoint
            .WithName(name)
            .WithTags(Tag)
            .WithSummary(summary)
            .WithDescription(description + " Send the ETag of a GET as If-Match to act only on the version seen (412 otherwise). The response's ETag is the changed message's version.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithIfMatch()
            .WithETag();

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> ActAsync(
        Guid messageId, HttpContext context, IBorrowerMessages messages, StaffApiOptions options, Func<MessageId, string, long?, Task<Message>> act, CancellationToken cancellationToken)
    {
        if (StaffHttp.StaffId(context, options) is not { } staffId)
        {
            return StaffProblems.NoStaff();
        }

        var expectedVersion = StaffHttp.ExpectedVersion(context, out var ifMatchGiven);
        if (!ifMatchGiven && options.RequireIfMatch)
        {
            return StaffProblems.Problem(
                StatusCodes.Status428PreconditionRequired, StaffProblems.IfMatchRequired, "If-Match required", "Send the message's ETag (from GET) as If-Match, so the action applies to the version seen.");
        }

        if (messageId == Guid.Empty)
        {
            return StaffProblems.MessageNotFound();
        }

        var id = MessageId.From(messageId);
        try
        {
            await act(id, staffId, expectedVersion).ConfigureAwait(false);
        }
        catch (MessageActionException ex)
        {
            return StaffProblems.Refused(ex);
        }
        catch (ArgumentException ex)
        {
            return StaffProblems.Argument(ex);
        }

        // The row is read after the action: the version it stored or a newer one, and the ETag is the row's own.
        var row = await messages.GetAsync(id, StaffHttp.Culture(context), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return StaffProblems.MessageNotFound();
        }

        StaffHttp.SetETag(context, row.Version);
        return TypedResults.Ok(MessageResponse.From(row));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PrintAsync(
        Guid messageId, string? culture, HttpContext context, IMessagePrinter printer, bool html, CancellationToken cancellationToken)
    {
        CultureInfo? printCulture = null;
        if (!string.IsNullOrWhiteSpace(culture))
        {
            try
            {
                printCulture = CultureInfo.GetCultureInfo(culture.Trim(), predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                return StaffProblems.Problem(StatusCodes.Status422UnprocessableEntity, StaffProblems.InvalidValue, "Invalid value", "culture is not a known culture name: use for example da-DK or en.");
            }
        }

        if (messageId == Guid.Empty)
        {
            return StaffProblems.MessageNotFound();
        }

        PrintedMessage? printed;
        try
        {
            printed = await printer.PrintAsync(MessageId.From(messageId), printCulture, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return StaffProblems.Problem(StatusCodes.Status500InternalServerError, StaffProblems.PrintFailed, "The print layout failed", "The print layout failed; the server log names the layout and the position.");
        }

        if (printed is null)
        {
            return StaffProblems.MessageNotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = PrintContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentLanguage = printed.Culture;
        return html
            ? TypedResults.Content(printed.Html, "text/html; charset=utf-8", Encoding.UTF8)
            : TypedResults.Content(printed.Text, "text/plain; charset=utf-8", Encoding.UTF8);
    }
}
