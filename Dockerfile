# Build: the .NET 10 SDK publishes the server and vaultcli.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Server/SecretVault.Server -c Release -o /app/server \
 && dotnet publish src/Cli/SecretVault.Cli -c Release -o /app/cli

# Run: the ASP.NET runtime only, as an unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app/server ./
COPY --from=build /app/cli ./cli/
RUN mkdir -p /vault/config /vault/file \
 && printf 'storage:\n  file:\n    path: /vault/file\nlistener:\n  tcp:\n    address: 0.0.0.0:8200\n    tls_disable: true\nlog_level: info\n' > /vault/config/server.yaml \
 && chown -R app:app /vault \
 && chmod 0700 /vault/file \
 && ln -s /app/cli/vaultcli /usr/local/bin/vaultcli
USER app
VOLUME /vault/file
EXPOSE 8200
ENV VAULT_ADDR=http://127.0.0.1:8200
ENTRYPOINT ["dotnet", "/app/SecretVault.Server.dll"]
CMD ["server", "-config", "/vault/config/server.yaml"]
