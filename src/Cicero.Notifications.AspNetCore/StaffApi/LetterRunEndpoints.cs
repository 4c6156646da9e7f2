using System.Text;
using Cicero.Notifications.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>Print runs of the letters of a collected protocol: make one, list the kept ones, and fetch a run's document and list again.</summary>
internal static class LetterRunEndpoints
{
    public const string Tag = "Letter runs";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/letter-runs", CollectAsync)
            .WithName("CollectLetters")
            .WithTags(Tag)
            .WithSummary("Prints every waiting letter of a collected protocol in one run.")
            .WithDescription("Takes the protocol's waiting letters (only the branch's when given), ordered by branch and then borrower, and marks each Sent with the authenticated staff member in its history; two staff members collecting at once never get the same letter. The document's language follows Accept-Language (da or en). Returns 201 with the run; its document and CSV list are at htmlUrl and csvUrl.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/letter-runs", ListAsync)
            .WithName("ListLetterRuns")
            .WithTags(Tag)
            .WithSummary("Lists the kept print runs, newest first.")
            .WithDescription($"For finding a run to print again: each run with its protocol, branch, time and letter count, and the addresses of its document and CSV list; display names follow Accept-Language (da or en). limit 1–{ILetterRuns.MaxListed}, default 20. Runs are forgotten after the retention period.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/letter-runs/{runId:guid}/letters.html", HtmlAsync)
            .WithName("GetLetterRunHtml")
            .WithTags(Tag)
            .WithSummary("Gets a run's document again: one letter per A4 page, self-contained.")
            .WithDescription("For a jammed printer: the same letters in the same order and language; a letter anonymized since prints as anonymized. Nothing changes. Runs are forgotten after the retention period.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/letter-runs/{runId:guid}/letters.csv", CsvAsync)
            .WithName("GetLetterRunCsv")
            .WithTags(Tag)
            .WithSummary("Gets a run's letters as CSV: message id, borrower (a CPR number masked), type, branch.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Created<LetterRunResponse>, ProblemHttpResult>> CollectAsync(
        LetterRunRequest? request, HttpContext context, ILetterRuns runs, IOptions<StaffApiOptions> options, CancellationToken cancellationToken)
    {
        if (StaffHttp.StaffId(context, options.Value) is not { } staffId)
        {
            return StaffProblems.NoStaff();
        }

        if (request?.Protocol is not { } name || !Protocol.TryParse(name, out var protocol))
        {
            return MessageEndpoints.InvalidProtocol();
        }

        LetterRun run;
        try
        {
            run = await runs.CollectAsync(protocol, staffId, string.IsNullOrWhiteSpace(request.Branch) ? null : request.Branch, StaffHttp.Culture(context), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex) when (ex.ParamName == "staffId")
        {
            return StaffProblems.Argument(ex);
        }
        catch (ArgumentException ex)
        {
            // The library's refusal names the protocol or branch code, never personal data.
            return StaffProblems.Problem(StatusCodes.Status422UnprocessableEntity, StaffProblems.InvalidValue, "Invalid value", StaffProblems.Detail(ex));
        }

        var response = new LetterRunResponse
        {
            Id = run.Id.ToString(),
            Protocol = run.Protocol.Name,
            Branch = run.Branch,
            CollectedAt = run.CollectedAt,
            MessageIds = [.. run.MessageIds.Select(id => id.ToString())],
            HtmlUrl = DocumentUrl(context, run.Id, "letters.html"),
            CsvUrl = DocumentUrl(context, run.Id, "letters.csv"),
        };
        return TypedResults.Created(response.HtmlUrl, response);
    }

    internal static async Task<Results<Ok<LetterRunListResponse>, ProblemHttpResult>> ListAsync(int? limit, HttpContext context, ILetterRuns runs, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > ILetterRuns.MaxListed)
        {
            return StaffProblems.BadRequest($"limit must be 1–{ILetterRuns.MaxListed}.");
        }

        var listed = await runs.ListAsync(limit ?? 20, StaffHttp.Culture(context), cancellationToken).ConfigureAwait(false);
        context.Response.Headers.Vary = "Accept-Language";
        return TypedResults.Ok(new LetterRunListResponse([.. listed.Select(run => new LetterRunSummaryResponse
        {
            Id = run.Id.ToString(),
            Protocol = run.Protocol.Name,
            ProtocolDisplayName = run.ProtocolName,
            Branch = run.Branch,
            BranchDisplayName = run.BranchName,
            CollectedAt = run.CollectedAt,
            LetterCount = run.LetterCount,
            HtmlUrl = DocumentUrl(context, run.Id, "letters.html"),
            CsvUrl = DocumentUrl(context, run.Id, "letters.csv"),
        })]));
    }

    /// <summary>The address of a run's document or list under <c>/letter-runs</c>, the path both the POST and the list answer on.</summary>
    private static string DocumentUrl(HttpContext context, Guid runId, string file)
        => $"{context.Request.PathBase}{context.Request.Path}/{runId}/{file}";

    internal static Task<Results<ContentHttpResult, ProblemHttpResult>> HtmlAsync(Guid runId, HttpContext context, ILetterRuns runs, CancellationToken cancellationToken)
        => DocumentAsync(runId, context, runs, html: true, cancellationToken);

    internal static Task<Results<ContentHttpResult, ProblemHttpResult>> CsvAsync(Guid runId, HttpContext context, ILetterRuns runs, CancellationToken cancellationToken)
        => DocumentAsync(runId, context, runs, html: false, cancellationToken);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> DocumentAsync(Guid runId, HttpContext context, ILetterRuns runs, bool html, CancellationToken cancellationToken)
    {
        if (await runs.ReprintAsync(runId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return StaffProblems.Problem(StatusCodes.Status404NotFound, StaffProblems.LetterRunNotFound, "Letter run not found", "No letter run has this id; runs are forgotten after the retention period.");
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (!html)
        {
            return TypedResults.Content(run.Csv, "text/csv; charset=utf-8", Encoding.UTF8);
        }

        context.Response.Headers.ContentSecurityPolicy = MessageEndpoints.PrintContentSecurityPolicy;
        return TypedResults.Content(run.Html, "text/html; charset=utf-8", Encoding.UTF8);
    }
}
