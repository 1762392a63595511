global using ArPlatform.ServiceDefaults;
