using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.DigitalPost;

/// <summary>At start-up: the sender CVR is a valid CVR number and the file name is usable.</summary>
internal sealed class DigitalPostOptionsValidator : IValidateOptions<DigitalPostOptions>
{
    public ValidateOptionsResult Validate(string? name, DigitalPostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Cvr.TryParse(options.SenderCvr, out _))
        {
            failures.Add("DigitalPost.SenderCvr must be the library's CVR number (8 digits with a valid check digit), for example '13585628'.");
        }

        if (string.IsNullOrWhiteSpace(options.FileName) || options.FileName.Length > MeMoWriter.MaxLength || options.FileName.IndexOfAny(['/', '\\']) >= 0)
        {
            failures.Add($"DigitalPost.FileName must be a file name of 1–{MeMoWriter.MaxLength} characters without '/' or '\\', for example 'Besked.txt'.");
        }

        if (options.SenderLabel is { Length: > MeMoWriter.MaxLength })
        {
            failures.Add($"DigitalPost.SenderLabel may have at most {MeMoWriter.MaxLength} characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
