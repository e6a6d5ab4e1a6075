# Build: Maven with the JDK
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN mvn -B -q package -DskipTests

# Run: the JRE only, as an unprivileged user, in the postgres profile
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 opendispute
WORKDIR /app
COPY --from=build /src/target/opendispute-*.jar app.jar
USER opendispute
ENV SPRING_PROFILES_ACTIVE=postgres
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
