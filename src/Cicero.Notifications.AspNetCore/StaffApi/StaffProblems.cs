using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>
/// The staff API's RFC 9457 problem details: a status, a title, the library's message as the detail and a stable
/// <c>code</c> extension member. Details are the library's own messages, which name the problem and never personal data
/// (no address, CPR number or content); a request's input is never echoed.
/// </summary>
internal static class StaffProblems
{
    /// <summary>The request is malformed: a missing field, a page size out of range, a continuation not issued by the API.</summary>
    public const string InvalidRequest = "InvalidRequest";

    /// <summary>A value the library does not accept as typed: a phone number, e-mail address, CPR or CVR number, culture.</summary>
    public const string InvalidValue = "InvalidValue";

    /// <summary>A change the profile rules do not allow, for example switching on SMS or an unknown protocol.</summary>
    public const string NotAllowed = "NotAllowed";

    /// <summary>A profile change that does not fit the profile, for example adding a number the borrower already has.</summary>
    public const string ProfileRefused = "ProfileRefused";

    /// <summary>The profile was changed by someone else meanwhile (or already exists, for a create).</summary>
    public const string ProfileConflict = "ProfileConflict";

    /// <summary>The borrower has no profile.</summary>
    public const string ProfileNotFound = "ProfileNotFound";

    /// <summary>The user has no staff id claim: actions record who acted.</summary>
    public const string NoStaffId = "NoStaffId";

    /// <summary>The staff id claim is not a usable staff id (too long, or the reserved <c>system</c>).</summary>
    public const string InvalidStaffId = "InvalidStaffId";

    /// <summary>The note is too long.</summary>
    public const string InvalidNote = "InvalidNote";

    /// <summary>The host requires <c>If-Match</c> on actions and the request has none.</summary>
    public const string IfMatchRequired = "IfMatchRequired";

    /// <summary>The print layout failed; the server log says where.</summary>
    public const string PrintFailed = "PrintFailed";

    /// <summary>The letter run is unknown or forgotten.</summary>
    public const string LetterRunNotFound = "LetterRunNotFound";

    public static ProblemHttpResult Problem(int status, string code, string title, string? detail)
        => TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult MessageNotFound()
        => Problem(StatusCodes.Status404NotFound, nameof(MessageActionRefusal.NotFound), "Message not found", "There is no message with this id.");

    /// <summary>A refused staff action: 404, 409 (the message's state), 412 (a concurrent change) or 422 (the request or setup).</summary>
    public static ProblemHttpResult Refused(MessageActionException refusal)
    {
        var status = refusal.Refusal switch
        {
            MessageActionRefusal.NotFound => StatusCodes.Status404NotFound,
            MessageActionRefusal.Conflict => StatusCodes.Status412PreconditionFailed,
            MessageActionRefusal.InvalidState or MessageActionRefusal.Anonymized or MessageActionRefusal.VerificationMessage
                or MessageActionRefusal.NoContent => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var title = status switch
        {
            StatusCodes.Status404NotFound => "Message not found",
            StatusCodes.Status412PreconditionFailed => "The message was changed by someone else",
            _ => "The action was refused",
        };
        return Problem(status, refusal.Refusal.ToString(), title, refusal.Message);
    }

    /// <summary>A refused profile change, mapped from the exceptions <see cref="IBorrowerProfiles"/> documents.</summary>
    public static ProblemHttpResult? ProfileRefusal(Exception exception) => exception switch
    {
        BorrowerProfileNotFoundException e => Problem(StatusCodes.Status404NotFound, ProfileNotFound, "Profile not found", e.Message),
        BorrowerProfileConflictException e => Problem(StatusCodes.Status409Conflict, ProfileConflict, "The profile was changed by someone else", e.Message),
        FormatException e => Problem(StatusCodes.Status422UnprocessableEntity, InvalidValue, "Invalid value", e.Message),
        ArgumentException e => Problem(StatusCodes.Status422UnprocessableEntity, NotAllowed, "The change is not allowed", Detail(e)),
        InvalidOperationException e => Problem(StatusCodes.Status409Conflict, ProfileRefused, "The change was refused", e.Message),
        _ => null,
    };

    /// <summary>An argument the queue refused: the staff id (403) or the note (422).</summary>
    public static ProblemHttpResult Argument(ArgumentException exception) => exception.ParamName == "staffId"
        ? Problem(StatusCodes.Status403Forbidden, InvalidStaffId, "Not a usable staff id", Detail(exception))
        : exception.ParamName == "note"
            ? Problem(StatusCodes.Status422UnprocessableEntity, InvalidNote, "Invalid note", Detail(exception))
            : Problem(StatusCodes.Status400BadRequest, InvalidRequest, "Invalid request", Detail(exception));

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, InvalidRequest, "Invalid request", detail);

    public static ProblemHttpResult NoStaff() => Problem(
        StatusCodes.Status403Forbidden, NoStaffId, "No staff id", "Actions record who acted: the user must be authenticated and have the staff id claim.");

    /// <summary>The message of an argument exception without the " (Parameter 'x')" suffix .NET appends.</summary>
    public static string Detail(ArgumentException exception)
    {
        var suffix = exception.ParamName is null ? null : $" (Parameter '{exception.ParamName}')";
        return suffix is not null && exception.Message.EndsWith(suffix, StringComparison.Ordinal)
            ? exception.Message[..^suffix.Length]
            : exception.Message;
    }
}
