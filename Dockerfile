# One image for both Conveyor applications; docker-compose picks the jar per service.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml ./
COPY workflows/pom.xml workflows/
COPY store/pom.xml store/
COPY activities/pom.xml activities/
COPY worker/pom.xml worker/
COPY starter/pom.xml starter/
COPY e2e/pom.xml e2e/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true -pl worker,starter -am package

FROM eclipse-temurin:21-jre
RUN useradd --system --create-home conveyor && mkdir -p /data/artifacts && chown -R conveyor /data
USER conveyor
WORKDIR /app
COPY --from=build /src/worker/target/conveyor-worker-exec.jar /app/worker.jar
COPY --from=build /src/starter/target/conveyor-starter-exec.jar /app/starter.jar
ENV CONVEYOR_ARTIFACTS_DIR=/data/artifacts
CMD ["java", "-jar", "/app/worker.jar"]
