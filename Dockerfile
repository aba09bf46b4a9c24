# notebot: multi-stage build, small runtime image, non-root user.
#
#   docker build -t notebot .                                   # with internet: lindera downloads mecab-ko-dic
#   docker build -t notebot --build-context lindera-cache=../shared/lindera-cache \
#                --build-arg LINDERA_CACHE=/lindera-cache .      # offline: prebuilt dictionary
#   docker run -e DISCORD_TOKEN=... -v "$PWD/knowledge:/app/knowledge:ro" -v notebot-data:/app/data notebot
# Empty unless replaced with --build-context lindera-cache=DIR.
FROM scratch AS lindera-cache

FROM rust:1.88-bookworm AS build
ARG LINDERA_CACHE=""
WORKDIR /src
COPY Cargo.toml Cargo.lock rustfmt.toml ./
COPY src src
COPY config config
COPY tests tests
# The offline dictionary cache, when given as the build context "lindera-cache" (empty otherwise).
COPY --from=lindera-cache . /lindera-cache
RUN if [ -n "$LINDERA_CACHE" ]; then export LINDERA_BUILD_DICTIONARY_CACHE_DIR="$LINDERA_CACHE"; fi \
 && cargo build --release --locked --bin notebot

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /app notebot
WORKDIR /app
COPY --from=build /src/target/release/notebot /usr/local/bin/notebot
COPY config config
COPY knowledge knowledge
RUN mkdir -p data && chown notebot:notebot data
USER notebot
VOLUME ["/app/data"]
CMD ["notebot", "serve"]
