using System.Globalization;
using Cicero.Notifications.Domain;
using Scriban.Runtime;

namespace Cicero.Notifications.Staff;

/// <summary>The variables a print layout sees (documented on <see cref="PrintOptions"/>): plain values only, never .NET objects.</summary>
internal static class PrintModel
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Builds the model of one message.</summary>
    public static ScriptObject Build(Message message, CultureInfo culture, TimeZoneInfo zone, DateTimeOffset printedAt, StaffView view, string libraryName)
    {
        var model = Times(culture, zone, message.CreatedAt, message.ChangedAt, printedAt);
        model["library_name"] = libraryName;
        model["message_id"] = message.Id.ToString();
        model["borrower_id"] = message.BorrowerId.Display;
        model["culture"] = culture.Name;
        model["type"] = view.TypeName(message.Type, culture);
        model["protocol"] = view.ProtocolName(message.Protocol, culture);
        model["branch"] = message.Branch is { } branch ? view.BranchName(branch, culture) : null;
        model["status"] = DisplayNames.Of(message.Status, culture);
        model["handled_manually"] = message.IsHandledManually;
        model["dismissed"] = message.IsDismissed;
        model["held"] = message.IsHeld;
        model["letter_run"] = view.WaitsForLetterRun(message);
        model["anonymized"] = message.IsAnonymized;
        model["recipient"] = message.Recipient?.Display;
        model["subject"] = message.Content?.Subject;
        model["body"] = message.Content?.Body;
        model["failure"] = message.LastFailure is { } failure ? StaffView.FailureName(failure.Kind, culture) : null;
        model["failure_reason"] = message.LastFailure?.Reason;
        model["delivered_at"] = message.DeliveredAt is { } delivered ? Format(delivered, culture, zone) : null;
        model["not_before"] = message is { Status: MessageStatus.Pending, NextAttemptAt: { } due } && due > printedAt ? Format(due, culture, zone) : null;
        return model;
    }

    /// <summary>Builds a model with made-up values, to try a host's layout at start-up.</summary>
    public static ScriptObject Sample(CultureInfo culture, TimeZoneInfo zone, string libraryName)
    {
        var at = new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);
        var model = Times(culture, zone, at, at, at);
        model["library_name"] = libraryName;
        model["message_id"] = "01970000-0000-7000-8000-000000000000";
        model["borrower_id"] = "sample";
        model["culture"] = culture.Name;
        model["type"] = "Sample type";
        model["protocol"] = "SMS";
        model["branch"] = "Sample branch";
        model["status"] = "Sample status";
        model["handled_manually"] = false;
        model["dismissed"] = false;
        model["held"] = false;
        model["letter_run"] = false;
        model["anonymized"] = false;
        model["recipient"] = "+4520000000";
        model["subject"] = "Sample subject";
        model["body"] = "Sample body\nwith two lines";
        model["failure"] = null;
        model["failure_reason"] = null;
        model["delivered_at"] = Format(at, culture, zone);
        model["not_before"] = Format(at, culture, zone);
        return model;
    }

    /// <summary>Formats a time in the library's zone in the printed language: "1. juli 2026 kl. 12:00" or "1 July 2026, 12:00".</summary>
    public static string Format(DateTimeOffset at, CultureInfo culture, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return DisplayNames.IsEnglish(culture)
            ? local.ToString("d MMMM yyyy, HH':'mm", culture)
            : local.ToString("d. MMMM yyyy 'kl.' HH':'mm", Danish);
    }

    private static ScriptObject Times(CultureInfo culture, TimeZoneInfo zone, DateTimeOffset createdAt, DateTimeOffset changedAt, DateTimeOffset printedAt)
    {
        var model = new ScriptObject
        {
            ["time_zone"] = zone.Id,
            ["created_at"] = Format(createdAt, culture, zone),
            ["changed_at"] = Format(changedAt, culture, zone),
            ["printed_at"] = Format(printedAt, culture, zone),
            ["created_at_local"] = TimeZoneInfo.ConvertTime(createdAt, zone).DateTime,
            ["changed_at_local"] = TimeZoneInfo.ConvertTime(changedAt, zone).DateTime,
            ["printed_at_local"] = TimeZoneInfo.ConvertTime(printedAt, zone).DateTime,
        };
        return model;
    }
}
