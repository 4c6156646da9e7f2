using System.Globalization;
using Cicero.Notifications.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>
/// The borrower's contact settings: phone numbers and e-mail addresses, opt-ins, e-mail verification, CPR or CVR and the
/// preferred language. Addresses and identifiers travel in request bodies, never in URLs (which access logs record).
/// </summary>
internal static class ProfileEndpoints
{
    public const string Tag = "Borrower profiles";

    private delegate Task<T> Change<T>(BorrowerId borrower);

    public static void Map(RouteGroupBuilder group)
    {
        var profile = group.MapGroup("/borrowers/{borrowerId}/profile").WithTags(Tag);

        profile.MapGet("", GetAsync)
            .WithName("GetBorrowerProfile")
            .WithSummary("Gets a borrower's contact settings.")
            .WithDescription("Phone numbers and e-mail addresses (with which addresses await verification and until when), the CPR number masked or the CVR number, the protocols switched on and the preferred language.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        Refusals(profile.MapPost("", CreateAsync)
            .WithName("CreateBorrowerProfile")
            .WithSummary("Creates an empty profile for a borrower.")
            .WithDescription("409 when the borrower already has one."));

        Refusals(profile.MapPost("/phones", AddPhoneAsync)
            .WithName("AddPhone")
            .WithSummary("Adds a phone number (purpose Notification unless given).")
            .WithDescription("Danish input becomes +45 and 8 digits. A notification number lets the borrower receive SMS."));

        Refusals(profile.MapPost("/phones/remove", RemovePhoneAsync)
            .WithName("RemovePhone")
            .WithSummary("Removes a phone number."));

        Refusals(profile.MapPost("/emails", AddEmailAsync)
            .WithName("AddEmail")
            .WithSummary("Adds an e-mail address (purpose Notification unless given).")
            .WithDescription("A notification address added here starts unverified and gets a verification message (its id is in the response); it is deleted unless verified in time. Messages meanwhile wait for it."));

        Refusals(profile.MapPost("/emails/remove", RemoveEmailAsync)
            .WithName("RemoveEmail")
            .WithSummary("Removes an e-mail address.")
            .WithDescription("Messages held for it (it was unverified) move to the type's alternative protocol or become MissingContactInfo; nothing is dropped."));

        Refusals(profile.MapPost("/emails/resend-verification", ResendVerificationAsync)
            .WithName("ResendEmailVerification")
            .WithSummary("Sends the verification message of an unverified address again.")
            .WithDescription("A new link; the old one stops working and the verification window starts over."));

        Refusals(profile.MapPut("/opt-ins/{protocol}", OptInAsync)
            .WithName("OptIn")
            .WithSummary("Switches a protocol on: Digital Post (needs a CPR or CVR number) or a user-defined protocol.")
            .WithDescription("SMS and e-mail are not switched on: they are chosen by a notification phone number or e-mail address. Switching on a protocol that is on changes nothing."));

        Refusals(profile.MapDelete("/opt-ins/{protocol}", OptOutAsync)
            .WithName("OptOut")
            .WithSummary("Switches a protocol off."));

        Refusals(profile.MapPut("/cpr", SetCprAsync)
            .WithName("SetCpr")
            .WithSummary("Sets the CPR number (a person).")
            .WithDescription("The response shows it masked (DDMMYY-xxxx). 409 when the borrower has a CVR number."));

        Refusals(profile.MapPut("/cvr", SetCvrAsync)
            .WithName("SetCvr")
            .WithSummary("Sets the CVR number (a company).")
            .WithDescription("409 when the borrower has a CPR number."));

        Refusals(profile.MapDelete("/identifier", RemoveIdentifierAsync)
            .WithName("RemoveIdentifier")
            .WithSummary("Removes the CPR or CVR number; Digital Post is switched off with it.")
            .WithDescription("The response says whether Digital Post was switched off."));

        Refusals(profile.MapPut("/preferred-language", SetPreferredLanguageAsync)
            .WithName("SetPreferredLanguage")
            .WithSummary("Sets or clears the preferred language; messages are rendered in it.")
            .WithDescription("A culture name such as da-DK or en; null or empty for the library's default."));
    }

    internal static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetAsync(
        string borrowerId, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
    {
        if (!BorrowerId.TryParse(borrowerId, out var borrower))
        {
            return InvalidBorrower();
        }

        var view = await profiles.GetAsync(borrower, cancellationToken).ConfigureAwait(false);
        return view is null
            ? StaffProblems.ProfileRefusal(new BorrowerProfileNotFoundException())!
            : TypedResults.Ok(Response(view, names, context));
    }

    internal static async Task<Results<Created<ProfileResponse>, ProblemHttpResult>> CreateAsync(
        string borrowerId, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(borrowerId, b => profiles.CreateAsync(b, cancellationToken)).ConfigureAwait(false);
        return result.Result is ProblemHttpResult problem
            ? problem
            : TypedResults.Created(context.Request.Path.Value, Response(((Ok<BorrowerProfileView>)result.Result).Value!, names, context));
    }

    internal static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> AddPhoneAsync(
        string borrowerId, PhoneRequest request, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => Required(request.Phone, "phone") ?? Purpose(request.Purpose)
            ?? ProfileAsync(borrowerId, context, names, b => profiles.AddPhoneAsync(b, request.Phone!, request.Purpose ?? ContactPurpose.Notification, ContactSource.Manual, cancellationToken));

    internal static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> RemovePhoneAsync(
        string borrowerId, PhoneRequest request, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => Required(request.Phone, "phone") ?? ProfileAsync(borrowerId, context, names, b => profiles.RemovePhoneAsync(b, request.Phone!, cancellationToken));

    internal static Task<Results<Ok<EmailAddedResponse>, ProblemHttpResult>> AddEmailAsync(
        string borrowerId, EmailRequest request, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => Required<EmailAddedResponse>(request.Email, "email") ?? Purpose<EmailAddedResponse>(request.Purpose)
            ?? EmailAsync(borrowerId, context, names, b => profiles.AddEmailAsync(b, request.Email!, request.Purpose ?? ContactPurpose.Notification, ContactSource.Manual, cancellationToken));

    internal static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> RemoveEmailAsync(
        string borrowerId, EmailRequest request, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => Required(request.Email, "email") ?? ProfileAsync(borrowerId, context, names, b => profiles.RemoveEmailAsync(b, request.Email!, cancellationToken));

    internal static Task<Results<Ok<EmailAddedResponse>, ProblemHttpResult>> ResendVerificationAsync(
        string borrowerId, EmailRequest request, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => Required<EmailAddedResponse>(request.Email, "email")
            ?? EmailAsync(borrowerId, context, names, b => profiles.ResendVerificationAsync(b, request.Email!, cancellationToken));

    internal static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> OptInAsync(
        string borrowerId, string protocol, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => ProfileAsync(borrowerId, context, names, b => profiles.OptInAsync(b, protocol, cancellationToken));

    internal static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> OptOutAsync(
        string borrowerId, string protocol, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => ProfileAsync(borrowerId, context, names, b => profiles.OptOutAsync(b, protocol, cancellationToken));

    internal static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> SetCprAsync(
        string borrowerId, IdentifierRequest request, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => Required(request.Number, "number") ?? ProfileAsync(borrowerId, context, names, b => profiles.SetCprAsync(b, request.Number!, cancellationToken));

    internal static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> SetCvrAsync(
        string borrowerId, IdentifierRequest request, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => Required(request.Number, "number") ?? ProfileAsync(borrowerId, context, names, b => profiles.SetCvrAsync(b, request.Number!, cancellationToken));

    internal static async Task<Results<Ok<IdentifierRemovedResponse>, ProblemHttpResult>> RemoveIdentifierAsync(
        string borrowerId, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(borrowerId, b => profiles.RemoveIdentifierAsync(b, cancellationToken)).ConfigureAwait(false);
        return result.Result is Ok<IdentifierRemovedResult> { Value: { } removed }
            ? TypedResults.Ok(new IdentifierRemovedResponse { Profile = Response(removed.Profile, names, context), DigitalPostSwitchedOff = removed.DigitalPostSwitchedOff })
            : (ProblemHttpResult)result.Result;
    }

    internal static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> SetPreferredLanguageAsync(
        string borrowerId, PreferredLanguageRequest request, HttpContext context, IBorrowerProfiles profiles, StaffApiNames names, CancellationToken cancellationToken)
        => ProfileAsync(borrowerId, context, names, b => profiles.SetPreferredCultureAsync(b, request.Culture, cancellationToken));

    private static RouteHandlerBuilder Refusals(RouteHandlerBuilder endpoint)
        => endpoint
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static ProfileResponse Response(BorrowerProfileView view, StaffApiNames names, HttpContext context)
        => ProfileResponse.From(view, names, names.Culture(StaffHttp.Culture(context)));

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> ProfileAsync(
        string borrowerId, HttpContext context, StaffApiNames names, Change<BorrowerProfileView> change)
    {
        var result = await ChangeAsync(borrowerId, change).ConfigureAwait(false);
        return result.Result is Ok<BorrowerProfileView> { Value: { } view } ? TypedResults.Ok(Response(view, names, context)) : (ProblemHttpResult)result.Result;
    }

    private static async Task<Results<Ok<EmailAddedResponse>, ProblemHttpResult>> EmailAsync(
        string borrowerId, HttpContext context, StaffApiNames names, Change<EmailAddedResult> change)
    {
        var result = await ChangeAsync(borrowerId, change).ConfigureAwait(false);
        return result.Result is Ok<EmailAddedResult> { Value: { } added }
            ? TypedResults.Ok(new EmailAddedResponse { Profile = Response(added.Profile, names, context), VerificationMessageId = added.VerificationMessageId?.ToString() })
            : (ProblemHttpResult)result.Result;
    }

    /// <summary>Parses the borrower id and runs the change, turning the refusals <see cref="IBorrowerProfiles"/> documents into problems.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> ChangeAsync<T>(string borrowerId, Change<T> change)
    {
        if (!BorrowerId.TryParse(borrowerId, out var borrower))
        {
            return InvalidBorrower();
        }

        try
        {
            return TypedResults.Ok(await change(borrower).ConfigureAwait(false));
        }
        catch (Exception ex) when (StaffProblems.ProfileRefusal(ex) is not null)
        {
            return StaffProblems.ProfileRefusal(ex)!;
        }
    }

    private static ProblemHttpResult InvalidBorrower() => StaffProblems.BadRequest("Not a valid borrower id.");

    private static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>>? Required(string? value, string name) => Required<ProfileResponse>(value, name);

    private static Task<Results<Ok<T>, ProblemHttpResult>>? Required<T>(string? value, string name)
        => string.IsNullOrWhiteSpace(value)
            ? Task.FromResult<Results<Ok<T>, ProblemHttpResult>>(StaffProblems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Give {name}.")))
            : null;

    private static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>>? Purpose(ContactPurpose? purpose) => Purpose<ProfileResponse>(purpose);

    private static Task<Results<Ok<T>, ProblemHttpResult>>? Purpose<T>(ContactPurpose? purpose)
        => purpose is { } p && !Enum.IsDefined(p)
            ? Task.FromResult<Results<Ok<T>, ProblemHttpResult>>(StaffProblems.BadRequest("Unknown purpose."))
            : null;
}
