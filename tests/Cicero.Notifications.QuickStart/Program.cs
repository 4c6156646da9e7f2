using Cicero.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

var services = new ServiceCollection();
services.AddCiceroNotifications(o => o.LibraryName = "Eksempelby Bibliotek");

using var provider = services.BuildServiceProvider();
var options = provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value;
Console.WriteLine($"{options.LibraryName} sends in {options.DefaultCulture}");
