# cspflow for people with Docker: built from this repository, configured by environment (see docker-compose.yml).
# The production image holds the application only; the CSP sandbox has an image of its own (sandbox/Dockerfile).
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY app/pom.xml app/
COPY sandbox/pom.xml sandbox/
RUN mvn -B -ntp -q -pl app dependency:go-offline
COPY app/src app/src
COPY bpmn bpmn
COPY forms forms
RUN mvn -B -ntp -q -pl app package -DskipTests

FROM eclipse-temurin:17.0.13_11-jre
RUN useradd --system --uid 10001 --home-dir /app cspflow
WORKDIR /app
COPY --from=build /src/app/target/cspflow-*.jar /app/cspflow.jar
USER cspflow
ENV SPRING_PROFILES_ACTIVE=postgres \
    CSPFLOW_TIME_ZONE=Europe/Stockholm
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/cspflow.jar"]
