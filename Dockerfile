# syntax=docker/dockerfile:1
# One image for both Conveyor applications; docker-compose picks the jar per service.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# Maven's repository lives in a BuildKit cache mount that outlives every build: dependencies are
# downloaded once, whatever changed in the sources, and a failing resolve fails the build.
COPY . .
RUN --mount=type=cache,target=/root/.m2,id=conveyor-m2 \
    mvn -B -q -DskipTests -Dspotless.check.skip=true -pl worker,starter -am package

FROM eclipse-temurin:21-jre
RUN useradd --system --create-home conveyor && mkdir -p /data/artifacts && chown -R conveyor /data
USER conveyor
WORKDIR /app
COPY --from=build /src/worker/target/conveyor-worker-exec.jar /app/worker.jar
COPY --from=build /src/starter/target/conveyor-starter-exec.jar /app/starter.jar
ENV CONVEYOR_ARTIFACTS_DIR=/data/artifacts
CMD ["java", "-jar", "/app/worker.jar"]
