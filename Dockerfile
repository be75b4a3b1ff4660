# cspflow for people with Docker: built from this repository, configured by environment (see docker-compose.yml).
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17.0.13_11-jre
RUN useradd --system --uid 10001 --home-dir /app cspflow
WORKDIR /app
COPY --from=build /src/target/cspflow-*.jar /app/cspflow.jar
USER cspflow
ENV SPRING_PROFILES_ACTIVE=postgres \
    CSPFLOW_TIME_ZONE=Europe/Stockholm
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/cspflow.jar"]
