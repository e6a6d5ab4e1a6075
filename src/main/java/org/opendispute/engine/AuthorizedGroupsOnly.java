package org.opendispute.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Every engine command that checks a user's authorizations first asks which groups hold any authorization at all:
 * {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}, a read of the whole table. The table holds a row for
 * every user (the engine gives each new user all permissions on its own profile), so with a marketplace's buyers the
 * question grew with the users. Asked for rows that have a group, the index on {@code GROUP_ID_} answers it from the
 * groups' rows alone; the engine drops the null of the users' rows from the answer anyway
 * (docs/adr/0010-engine-plugins-that-skip-needless-work.md).
 */
@Component
class AuthorizedGroupsOnly extends AbstractProcessEnginePlugin {

    /** The engine's statement, answered by {@link #STATEMENT} instead. */
    static final String ENGINE_STATEMENT = "selectAuthorizedGroupIds";
    static final String STATEMENT = "selectAuthorizedGroupIdsOfGroups";

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        String sql = "SELECT DISTINCT A.GROUP_ID_ FROM " + configuration.getDatabaseTablePrefix()
                + "ACT_RU_AUTHORIZATION A WHERE A.GROUP_ID_ IS NOT NULL";
        ResultMap groupIds = new ResultMap.Builder(mybatis, STATEMENT + "-result", String.class, List.of()).build();
        mybatis.addMappedStatement(new MappedStatement.Builder(mybatis, STATEMENT,
                new StaticSqlSource(mybatis, sql), SqlCommandType.SELECT).resultMaps(List.of(groupIds)).build());

        // The factory's mappings are shared by every engine on the same kind of database: this engine gets a copy
        DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
        Map<String, String> mappings = sessions.getStatementMappings() == null
                ? new HashMap<>() : new HashMap<>(sessions.getStatementMappings());
        mappings.put(ENGINE_STATEMENT, STATEMENT);
        sessions.setStatementMappings(mappings);
    }
}
